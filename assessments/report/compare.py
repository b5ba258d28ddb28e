"""Two versions of an assessment side by side: the answers that changed and what they changed."""

from __future__ import annotations

from assessments.answers.display import FIELD_LABELS, answer_text
from assessments.engine.costs import YEARS
from assessments.engine.evaluate import Result
from assessments.engine.formats import locale_for, money, money_range
from assessments.engine.routes import OptionSummary
from assessments.formatting import FRAMEWORK_NAMES, VERDICT_NAMES
from assessments.report.advice import obligation_rows
from assessments.report.model import SavedReport
from assessments.wizard.steps import ANSWER_FIELDS

# What a version shows for a figure its engine did not save.
MISSING = "—"


def _row(title: str, before, after) -> dict:
    return {"label": title, "before": before, "after": after, "changed": before != after}


def _year_fit(result: Result, year: int, currency: str) -> str:
    """ "fits — $42k of $60k": the fit word, then the typical cost against that year's budget."""
    check = next((y for y in result.budget.years if y.year == year), None)
    if check is None or not check.fit:
        return MISSING
    cost, budget = money(check.cost.typical, currency), money(check.budget, currency)
    return f"{check.fit} — {cost} of {budget}"


def _chosen(result: Result) -> OptionSummary | None:
    return result.options.get(result.verdict)


def _total(result: Result, currency: str) -> str:
    option = _chosen(result)
    if option is None:
        return MISSING
    total = option.cost.total
    return f"{money_range(total, currency)} (typical {money(total.typical, currency)})"


def _first_proof(result: Result) -> str:
    option = _chosen(result)
    # With no framework due yet, the route is the demanded schemes'.
    plans = (option.plans or option.scheme_plans) if option else ()
    if option is None or not plans:
        return MISSING
    week = option.first_proof_week
    # In a parallel route the earliest proof need not come from the first plan.
    plan = next((p for p in plans if p.first_proof_week == week), plans[0])
    if not plan.first_proof:
        return MISSING
    return f"{plan.first_proof}, week {week}" if week else plan.first_proof


def _schemes(report: SavedReport) -> str:
    """Each demanded scheme with how the plan meets it: "Cyber Essentials Plus: on time, week
    5"; a dash when nothing beyond SOC 2 and ISO 27001 is demanded."""
    locale = locale_for(report.currency)
    rows = obligation_rows(report.result, report.reference.schemes, locale=locale)
    rows = [o for o in rows if o["scheme"]]
    if not rows:
        return MISSING
    return "; ".join(
        f"{o['proof']}: {o['status_label']}"
        + (f", week {o['week']}" if o["week"] is not None else "")
        for o in rows
    )


def _readiness(result: Result, framework: str) -> str:
    percent = result.readiness.percent.get(framework)
    return MISSING if percent is None else f"{percent}%"


def outcome_rows(older: SavedReport, newer: SavedReport) -> list[dict]:
    """What each version concluded, row by row, with the rows that differ marked changed."""
    old, new = older.result, newer.result
    rows = [
        _row(
            "Verdict",
            VERDICT_NAMES.get(old.verdict, old.verdict or MISSING),
            VERDICT_NAMES.get(new.verdict, new.verdict or MISSING),
        ),
        _row("Route", old.headline or MISSING, new.headline or MISSING),
        _row("Confidence", old.confidence or MISSING, new.confidence or MISSING),
    ]
    rows += [
        _row(
            f"Year {year} against its budget",
            _year_fit(old, year, older.currency),
            _year_fit(new, year, newer.currency),
        )
        for year in range(1, YEARS + 1)
    ]
    rows += [
        _row(
            "Three-year cost of the recommendation",
            _total(old, older.currency),
            _total(new, newer.currency),
        ),
        _row("First proof of the recommendation", _first_proof(old), _first_proof(new)),
        _row("Other schemes demanded", _schemes(older), _schemes(newer)),
    ]
    for framework in ("soc2", "iso27001"):
        name = FRAMEWORK_NAMES[framework]
        rows.append(
            _row(
                f"{name} signals",
                old.scores.get(framework, MISSING),
                new.scores.get(framework, MISSING),
            )
        )
        rows.append(
            _row(f"{name} readiness", _readiness(old, framework), _readiness(new, framework))
        )
    return rows


def _table(title: str, column: str, rows: list[dict]) -> dict:
    return {
        "title": title,
        "column": column,
        "rows": rows,
        "changed": sum(1 for r in rows if r["changed"]),
    }


def compare_context(first: SavedReport, second: SavedReport) -> dict:
    older, newer = sorted((first, second), key=lambda r: r.assessment.created_at)
    before, after = older.answers.to_dict(), newer.answers.to_dict()
    answer_rows = [
        _row(
            FIELD_LABELS[name],
            answer_text(name, before.get(name), older.currency),
            answer_text(name, after.get(name), newer.currency),
        )
        for fields in ANSWER_FIELDS.values()
        for name in fields
    ]
    outcome = outcome_rows(older, newer)
    return {
        "older": older.assessment,
        "newer": newer.assessment,
        "answer_rows": answer_rows,
        "outcome_rows": outcome,
        "tables": [
            _table("Outcome", "What", outcome),
            _table("Answers", "Question", answer_rows),
        ],
    }
