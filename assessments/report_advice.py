"""The advice part of the report: what is demanded, what is held, the plan, and the budget
year by year, read from the typed result."""

from __future__ import annotations

import datetime

from .engine.answers import label
from .engine.evaluate import Result
from .formatting import FIT_LABELS, FRAMEWORK_NAMES, money_short, weeks_to_months

SOURCE_LABELS = {"customers": "Customers", "tender": "Tenders"}
STATUS_LABELS = {
    "held": "already held",
    "on_time": "on time",
    "at_risk": "at risk",
    "late": "late",
    "open": "no date given",
}
ACTION_LABELS = {"keep": "Keep", "upgrade": "Move on to", "add": "Get"}
BASIS_LABELS = {
    "obligation": "demanded by buyers",
    "holding": "follows from what you hold",
    "signals": "on signals alone; nobody has asked yet",
}
HOLDING_ADVICE = {
    "soc2_type2": "Renew every year: a new Type II report for each observation period.",
    "soc2_type1": "A Type I describes one day; buyers will soon ask for a Type II.",
    "iso27001_2022": "Keep it through yearly surveillance audits and recertify before it expires.",
    "iso27001_2013": "No longer valid since 31 October 2025: recertify against the 2022 edition.",
}
NOT_YET_REASONS = {
    "small": "The company is small enough to wait until a buyer asks.",
    "early": "Security is at an early stage: build the basics before paying an auditor.",
    "weak_signals": "Your markets and buyers do not point strongly to either framework.",
    "budget": "An audit nobody has asked for would not fit the budget.",
}


def _day(value: datetime.date | None) -> str:
    return value.strftime("%-d %b %Y") if value else ""


def obligation_rows(result: Result) -> list[dict]:
    rows = []
    for o in result.obligations:
        deadline = f"{_day(o.deadline)} (in {o.deadline_weeks} weeks)" if o.deadline else ""
        rows.append(
            {
                "proof": o.proof_name[0].upper() + o.proof_name[1:],
                "asked": "either SOC 2 or ISO 27001" if o.asked == "either" else "",
                "sources": " and ".join(SOURCE_LABELS[s] for s in o.sources),
                "deals": o.deals,
                "deadline": deadline or "—",
                "when": "now"
                if o.status == "held"
                else f"week {o.proof_week} (about {weeks_to_months(o.proof_week)})",
                "status": o.status,
                "status_label": STATUS_LABELS[o.status],
                "interim": o.interim,
            }
        )
    return rows


def holding_rows(result: Result) -> list[dict]:
    return [
        {
            "name": label("existing", h.kind),
            "renews": _day(h.renews),
            "valid": h.valid,
            "advice": HOLDING_ADVICE[h.kind],
        }
        for h in result.holdings
    ]


def plan_rows(result: Result) -> list[dict]:
    return [
        {
            "action": ACTION_LABELS[item.action],
            "name": FRAMEWORK_NAMES[item.framework],
            "basis": BASIS_LABELS[item.basis],
        }
        for item in result.plan
    ]


def budget_rows(result: Result, currency: str) -> list[dict]:
    return [
        {
            "year": y.year,
            "cost": money_short(y.cost.typical, currency),
            "range": f"{money_short(y.cost.low, currency)} – {money_short(y.cost.high, currency)}",
            "budget": money_short(y.budget, currency),
            "fit": y.fit,
            "fit_label": FIT_LABELS[y.fit],
            "gap": _over_text(y, currency),
        }
        for y in result.budget.years
    ]


def _over_text(year, currency: str) -> str:
    """For a year over its budget: by how much, and what a low-end outcome would need."""
    if year.cost.typical <= year.budget:
        return ""
    text = f"{money_short(year.cost.typical - year.budget, currency)} over"
    if year.cost.low <= year.budget:
        return f"{text}; a low-end outcome ({money_short(year.cost.low, currency)}) would fit"
    short = money_short(year.cost.low - year.budget, currency)
    return f"{text}; even a low-end outcome needs {short} more"


def cheapest_row(result: Result, currency: str) -> dict | None:
    cheapest = result.budget.cheapest
    if not cheapest or result.budget.cheapest_is_plan:
        return None
    return {
        "years": [money_short(y.typical, currency) for y in cheapest.by_year],
        "total": money_short(cheapest.total.typical, currency),
    }


SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2}
TOP_WARNINGS = 3


def advice_context(result: Result, currency: str) -> dict:
    warnings = sorted(result.warnings, key=lambda w: SEVERITY_ORDER.get(w.severity, 3))
    return {
        "top_warnings": warnings[:TOP_WARNINGS],
        "more_warnings": max(0, len(warnings) - TOP_WARNINGS),
        "obligation_rows": obligation_rows(result),
        "holding_rows": holding_rows(result),
        "plan_rows": plan_rows(result),
        "budget_rows": budget_rows(result, currency),
        "cheapest": cheapest_row(result, currency),
        "not_yet_reasons": [NOT_YET_REASONS[code] for code in result.not_yet],
        "is_not_yet": result.verdict == "not_yet",
    }
