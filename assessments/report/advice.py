"""The advice part of the report: what is demanded, what is held, the plan, and the budget
year by year, read from the typed result. A plan and its demands hold SOC 2 and ISO 27001 and
any other scheme a buyer or tender demands, named from the reference data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from assessments.engine.answers import label
from assessments.engine.codes import Framework, TenderRequirement
from assessments.engine.deadlines import ObligationCheck
from assessments.engine.evaluate import Result
from assessments.engine.formats import day, duration, locale_for, money, money_range
from assessments.engine.obligations import ISO_2013_END
from assessments.engine.reference import SchemeInfo
from assessments.formatting import FIT_LABELS, plan_names

SOURCE_LABELS = {"customers": "Customers", "tender": "Tenders"}
# A framework no buyer named, in the plan because a demanded scheme must be built on it.
PREREQUISITE_SOURCE = "scheme"
FRAMEWORK_ASKS = {*Framework.values(), TenderRequirement.EITHER.value}
STATUS_LABELS = {
    "held": "already held",
    "on_time": "on time",
    "at_risk": "at risk",
    "late": "late",
    "open": "no date given",
    "applies": "applies now",
    # The report's own: a demanded scheme Certpath has no timeline or cost figures for.
    "unplanned": "not planned",
}
ACTION_LABELS = {
    "keep": "Keep",
    "upgrade": "Move on to",
    "add": "Get",
    "comply": "Meet the duties of",
}
BASIS_LABELS = {
    "obligation": "demanded by buyers",
    "holding": "follows from what you hold",
    "signals": "on signals alone; nobody has asked yet",
}
SCHEME_BASIS = {"customers": "a buyer demands it", "tender": "a tender demands it"}
HOLDING_ADVICE = {
    "soc2_type2": "Renew every year: a new Type II report for each observation period.",
    "soc2_type1": "A Type I describes one day; buyers will soon ask for a Type II.",
    "iso27001_2022": "Keep it through yearly surveillance audits and recertify before it expires.",
    "iso27001_2013": "No longer valid since {end}: recertify against the 2022 edition.",
}
NOT_YET_REASONS = {
    "small": "The company is small enough to wait until a buyer asks.",
    "early": "Security is at an early stage: build the basics before paying an auditor.",
    "weak_signals": "Your markets and buyers do not point strongly to either framework.",
    "budget": "An audit nobody has asked for would not fit the budget.",
}


def _day(value: datetime.date | None, locale: str) -> str:
    return day(value, locale=locale) if value else ""


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class PlanNames:
    """Names for what a result plans, and what each scheme in it must be built on."""

    def __init__(self, result: Result, schemes: Iterable[SchemeInfo]) -> None:
        schemes = tuple(schemes)
        self.result = result
        self.names = plan_names(schemes)
        self.schemes = {s.key: s for s in schemes}

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def needed_first_for(self, key: str) -> str:
        """ "needed first for Cyber Essentials Plus": the planned schemes that must follow it."""
        after = []
        for item in self.result.plan:
            scheme = self.schemes.get(item.framework)
            planning = scheme.planning if scheme else None
            if planning and planning.prerequisite and planning.builds_on == key:
                after.append(self.name(item.framework))
        return f"needed first for {_joined(after) if after else 'a demanded scheme'}"


def _prerequisite_only(check: ObligationCheck) -> bool:
    return bool(check.sources) and all(s == PREREQUISITE_SOURCE for s in check.sources)


def _unplanned(check: ObligationCheck) -> bool:
    """A demanded scheme Certpath has no figures for: it has no week to be delivered in."""
    return (
        check.asked not in FRAMEWORK_ASKS
        and check.status == "open"
        and check.proof_week_fast is None
    )


def _when(check: ObligationCheck) -> str:
    if check.status == "held":
        return "now"
    if check.status == "applies":
        return "its duties hold from today"
    if _unplanned(check):
        return "Certpath has no timeline or cost figures for it yet"
    return f"week {check.proof_week} (about {duration(check.proof_week)})"


def _spread(check: ObligationCheck) -> str:
    """ "fast: week 3, slow: week 14" for a proof still to come, when the two differ."""
    fast, slow = check.proof_week_fast, check.proof_week_slow
    if check.status in ("held", "applies") or fast is None or slow is None or fast == slow:
        return ""
    return f"fast: week {fast}, slow: week {slow}"


def _interim(check: ObligationCheck) -> str:
    if not check.interim:
        return ""
    if check.asked in FRAMEWORK_ASKS:
        return f"Until then you can show {check.interim}."
    return f"Meanwhile: {check.interim}"


def obligation_rows(
    result: Result, schemes: Iterable[SchemeInfo] = (), *, locale: str
) -> list[dict]:
    """Each demand with its date written in `locale`, and how the plan meets it."""
    names = PlanNames(result, schemes)
    order = {key: n for n, key in enumerate(result.path)}
    rows = []
    for o in sorted(result.obligations, key=lambda o: order.get(o.framework, len(order))):
        deadline = f"{_day(o.deadline, locale)} (in {o.deadline_weeks} weeks)" if o.deadline else ""
        if _prerequisite_only(o):
            by = names.needed_first_for(o.framework)
            sources, asked_by = by[0].upper() + by[1:], by
        else:
            sources = " and ".join(SOURCE_LABELS.get(s, s) for s in o.sources)
            by = sources.lower()
            asked_by = f"asked by {by}"
        status = "unplanned" if _unplanned(o) else o.status
        rows.append(
            {
                "proof": o.proof_name[0].upper() + o.proof_name[1:],
                "scheme": o.asked not in FRAMEWORK_ASKS,
                "asked": "either SOC 2 or ISO 27001" if o.asked == "either" else "",
                "sources": sources,
                "by": by,
                "asked_by": asked_by,
                "deals": o.deals,
                "deadline": deadline or "—",
                "when": _when(o),
                "week": o.proof_week if status in ("on_time", "at_risk", "late", "open") else None,
                "spread": _spread(o),
                "status": status,
                "status_label": STATUS_LABELS[status],
                "interim": _interim(o),
            }
        )
    return rows


def holding_rows(result: Result, *, locale: str) -> list[dict]:
    end = day(ISO_2013_END, locale=locale)
    return [
        {
            "name": label("existing", h.kind),
            "renews": _day(h.renews, locale),
            "valid": h.valid,
            "advice": HOLDING_ADVICE[h.kind].format(end=end),
        }
        for h in result.holdings
    ]


def _basis(item, names: PlanNames) -> str:
    result = names.result
    if item.basis == "prerequisite":
        return names.needed_first_for(item.framework)
    checks = [o for o in result.obligations if o.asked == item.framework]
    if item.basis == "obligation" and checks and all(_prerequisite_only(o) for o in checks):
        return names.needed_first_for(item.framework)
    if item.framework in FRAMEWORK_ASKS or item.basis != "obligation":
        return BASIS_LABELS[item.basis]
    tender = any("tender" in o.sources for o in checks)
    return SCHEME_BASIS["tender" if tender else "customers"]


def plan_rows(result: Result, schemes: Iterable[SchemeInfo] = ()) -> list[dict]:
    """What the plan gets, keeps or complies with, in the order of the path."""
    names = PlanNames(result, schemes)
    order = {key: n for n, key in enumerate(result.path)}
    items = sorted(result.plan, key=lambda i: order.get(i.framework, len(order)))
    return [
        {
            "key": item.framework,
            "code": item.action,
            "action": ACTION_LABELS[item.action],
            "name": names.name(item.framework),
            "basis": _basis(item, names),
        }
        for item in items
    ]


def budget_rows(result: Result, currency: str) -> list[dict]:
    return [
        {
            "year": y.year,
            "cost": money(y.cost.typical, currency),
            "range": money_range(y.cost, currency),
            "budget": money(y.budget, currency),
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
    text = f"{money(year.cost.typical - year.budget, currency)} over"
    if year.cost.low <= year.budget:
        return f"{text}; a low-end outcome ({money(year.cost.low, currency)}) would fit"
    short = money(year.cost.low - year.budget, currency)
    return f"{text}; even a low-end outcome needs {short} more"


def cheapest_row(result: Result, currency: str) -> dict | None:
    cheapest = result.budget.cheapest
    if not cheapest or result.budget.cheapest_is_plan:
        return None
    return {
        "years": [money(y.typical, currency) for y in cheapest.by_year],
        "total": money(cheapest.total.typical, currency),
    }


SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2}
TOP_WARNINGS = 3


def advice_context(result: Result, currency: str, schemes: Iterable[SchemeInfo] = ()) -> dict:
    """`schemes` (the reference data's) name the demanded schemes in the plan."""
    schemes = tuple(schemes)
    locale = locale_for(currency)
    warnings = sorted(result.warnings, key=lambda w: SEVERITY_ORDER.get(w.severity, 3))
    return {
        "top_warnings": warnings[:TOP_WARNINGS],
        "more_warnings": max(0, len(warnings) - TOP_WARNINGS),
        "obligation_rows": obligation_rows(result, schemes, locale=locale),
        "holding_rows": holding_rows(result, locale=locale),
        "plan_rows": plan_rows(result, schemes),
        "budget_rows": budget_rows(result, currency),
        "cheapest": cheapest_row(result, currency),
        "not_yet_reasons": [NOT_YET_REASONS[code] for code in result.not_yet],
        "is_not_yet": result.verdict == "not_yet",
        # Waiting on SOC 2 and ISO 27001 still leaves a demanded scheme's route to cost.
        "has_route": result.verdict in result.options,
    }
