"""What the report templates show, built from a typed `SavedReport`. The screen page and the PDF
share the section partials; this module gives them their figures, rows and charts."""

from __future__ import annotations

import datetime

from assessments.answers.display import answer_rows
from assessments.engine.costs import budgets_by_year
from assessments.engine.formats import money
from assessments.engine.overlap import SharedControl
from assessments.engine.reference import ISO
from assessments.formatting import FRAMEWORK_NAMES, VERDICT_NAMES
from assessments.report import charts
from assessments.report.advice import FRAMEWORK_ASKS, advice_context
from assessments.report.costs import cost_rows, option_rows
from assessments.report.model import SavedReport
from assessments.report.readiness import readiness_context
from assessments.report.schemes import schemes_section
from assessments.report.soa import SOA_COLUMNS, soa_table, soa_themes

SECTION_DIR = "assessments/report/sections/"
# The same section partials build the screen page and the PDF, each in its own order.
SCREEN_SECTIONS = tuple(
    f"{SECTION_DIR}_{name}.html"
    for name in (
        "summary",
        "warnings",
        "schemes",
        "reasons",
        "timeline",
        "comparison",
        "costs",
        "readiness",
        "overlap",
        "next_steps",
        "about",
    )
)
ENGINE_ONE_NOTE = (
    "Computed by engine {version}, which weighed every answer as points. It did not separate "
    "what buyers demand from signals, and compared only the first year with the budget. "
    "Recalculate with current data to see the current advice."
)


def shared_by_iso(shared: tuple[SharedControl, ...], order: dict[str, int]) -> list[dict]:
    """The crosswalk grouped by ISO requirement, in `order` (the reference data's: clauses, then
    Annex A): each with the SOC 2 criteria that share it."""
    groups: dict[str, dict] = {}
    for link in shared:
        group = groups.setdefault(
            link.iso_ref, {"ref": link.iso_ref, "title": link.iso_title, "tsc": []}
        )
        group["tsc"].append(link.tsc_ref)
    return sorted(groups.values(), key=lambda g: order.get(g["ref"], len(order)))


def overlap_rows(report: SavedReport) -> list[dict]:
    """Each direction of the overlap as a sentence's parts: how much, in full, in part, not at all."""
    overlap = report.result.overlap
    rows = []
    for source, target, share, linked, full, noun in (
        ("soc2", "iso27001", overlap.iso_covered_by_soc2, overlap.iso_linked, overlap.iso_full, "requirements"),
        ("iso27001", "soc2", overlap.soc2_covered_by_iso, overlap.soc2_linked, overlap.soc2_full, "criteria"),
    ):  # fmt: skip
        n_linked, total = linked
        rows.append(
            {
                "source": FRAMEWORK_NAMES[source],
                "target": FRAMEWORK_NAMES[target],
                "percent": round(100 * share),
                "linked": n_linked,
                "total": total,
                "full": full,
                "partial": None if full is None else n_linked - full,
                "unlinked": total - n_linked,
                "noun": noun,
            }
        )
    return rows


def deadline_weeks(report: SavedReport, *, frameworks_only: bool = False) -> float | None:
    """The soonest date a buyer gave, in weeks from the assessment, for the charts; with
    `frameworks_only`, the soonest date for SOC 2 or ISO 27001."""
    dated = [
        o.deadline_weeks
        for o in report.result.obligations
        if o.deadline
        and o.deadline_weeks is not None
        and (
            o.asked in FRAMEWORK_ASKS
            # A scheme's date belongs on the chart only with its route (a law has none).
            or (not frameworks_only and o.proof_week_fast is not None)
        )
    ]
    if dated:
        return min(dated)
    legacy = report.assessment.answers.get("deadline")  # engine 1: one date for everything
    if legacy:
        return report.answers.weeks_until(datetime.date.fromisoformat(legacy))
    return None


def _charts(report: SavedReport) -> dict:
    result, currency = report.result, report.currency
    weeks = deadline_weeks(report)
    # The first-proof chart compares SOC 2 and ISO 27001: only their own dates belong on it.
    framework_weeks = deadline_weeks(report, frameworks_only=True)
    budgets = budgets_by_year(report.answers)
    found: dict[str, dict | None] = {}
    for suffix, lay in (("", charts.WIDE), ("_narrow", charts.NARROW)):
        found[f"score_chart{suffix}"] = charts.score_chart(
            result, engine_one=bool(report.earlier_engine), lay=lay
        )
        found[f"route_chart{suffix}"] = charts.timeline_chart(result, weeks, lay, report.names)
        found[f"proof_chart{suffix}"] = charts.first_proof_chart(result, framework_weeks, lay)
        found[f"cost_chart{suffix}"] = charts.cost_chart(
            result, budgets, currency, lay, report.names
        )
        found[f"readiness_chart{suffix}"] = charts.readiness_chart(result, lay)
    return found


def verdict_name(report: SavedReport) -> str:
    """The verdict's name; when SOC 2 and ISO 27001 can wait but a buyer demands another
    scheme, the schemes the route delivers."""
    result = report.result
    if result.verdict == "not_yet" and result.plan:
        order = result.path or tuple(i.framework for i in result.plan)
        return ", ".join(report.names.get(key, key) for key in order)
    return VERDICT_NAMES[result.verdict]


def report_context(report: SavedReport) -> dict:
    result, assessment, currency = report.result, report.assessment, report.currency
    readiness = result.readiness
    costs, options = cost_rows(report), option_rows(result)
    soa = soa_table(report)
    return {
        "screen_sections": SCREEN_SECTIONS,
        "assessment": assessment,
        "company": assessment.company_name,
        "answers": report.answers,
        "answer_rows": answer_rows(report.answers, saved=assessment.answers),
        "result": result,
        "comparison": report.reference.aspects,
        "verdict_name": verdict_name(report),
        "framework_names": FRAMEWORK_NAMES,
        "reasons": [
            {
                "points": r.points,
                "framework": r.framework,
                "framework_name": FRAMEWORK_NAMES[r.framework],
                "name": report.factor_name(r.factor),
                "sentence": r.sentence,
                "answer": r.answer,
            }
            for r in result.reasons
        ],
        **_charts(report),
        "cost_rows": costs,
        "scheme_costs": any(row["schemes"] for row in costs),
        "options": options,
        "glance": [{**o, **c} for o, c in zip(options, costs, strict=True)],
        "budget": money(report.answers.budget_amount, currency),
        "deadline_weeks": deadline_weeks(report),
        **readiness_context(report),
        "readiness_coverage": readiness.coverage,
        "unanswered_count": len(readiness.unanswered),
        "maturity_counts": [
            (FRAMEWORK_NAMES[f], n) for f, n in readiness.maturity_based.items() if n
        ],
        "soa": soa,
        "soa_columns": SOA_COLUMNS,
        "soa_themes": soa_themes(soa),
        "soa_excluded": [e for e in soa if not e["applicable"]],
        "shared": shared_by_iso(
            report.shared, {c.ref: n for n, c in enumerate(report.reference.controls_of(ISO))}
        ),
        "overlap_rows": overlap_rows(report),
        "has_practices": readiness.assessed,
        "engine_note": ENGINE_ONE_NOTE.format(version=report.earlier_engine)
        if report.earlier_engine
        else "",
        **advice_context(result, currency, report.reference.schemes),
        "schemes_section": schemes_section(report),
    }
