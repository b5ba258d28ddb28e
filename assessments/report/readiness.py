"""What the report's readiness section shows beyond the figures: the gaps in the order the work
happens, the first 90 days of that work, the exclusions that do not stand, and every verdict the
user set control by control, with those that do not count in full flagged."""

from __future__ import annotations

from assessments.engine.answers import label
from assessments.engine.codes import Status
from assessments.engine.readiness import override_key
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report.model import SavedReport
from assessments.report.status_labels import STATUS_LABELS

TOP_GAPS = 10


def _title(report: SavedReport, key: str) -> str:
    question = report.question(key)
    return (question.title or question.text) if question else key


def plan_weeks(start_week: int, due_week: int) -> str:
    """Weeks counted from 1: work starting at week 0 and due at week 3 runs in weeks 1–3."""
    first = start_week + 1
    return f"Week {first}" if due_week <= first else f"Weeks {first}–{due_week}"


def plan_rows(report: SavedReport) -> list[dict]:
    """The first 90 days as a schedule, by the week each step starts (the gap order within a
    week): its work, owner, effort, weeks, and what done looks like."""
    rows = []
    steps = report.result.readiness.first_90_days
    for step in sorted(steps, key=lambda s: s.start_week):
        question = report.question(step.question)
        rows.append(
            {
                "question": step.question,
                "title": _title(report, step.question),
                "owner": step.owner,
                "effort": step.effort,
                "weeks": plan_weeks(step.start_week, step.due_week),
                "evidence": (question.auditor_evidence or question.help_text) if question else "",
            }
        )
    return rows


def gap_rows(report: SavedReport, planned: dict[str, str]) -> list[dict]:
    """The first gaps in their order, each with why it sits there, who owns it, what it waits
    for and, when the 90-day plan holds it (`planned`: its weeks by question), when."""
    rows = []
    for gap in report.result.readiness.gaps[:TOP_GAPS]:
        question = report.question(gap.question)
        rows.append(
            {
                "title": question.title if question else "",
                "text": question.text if question else gap.question,
                "why": gap.why,
                "owner": gap.owner,
                "after": [_title(report, key) for key in gap.after],
                "weeks": planned.get(gap.question, ""),
                "help_text": question.help_text if question else "",
                "evidence": question.auditor_evidence if question else "",
                "answer_label": label("readiness", gap.answer).lower(),
                **{
                    framework: [
                        {"ref": ref, "title": report.control_title(framework, ref)}
                        for ref in getattr(gap, framework)
                    ]
                    for framework in ("soc2", "iso27001")
                },
            }
        )
    return rows


def refused_rows(report: SavedReport) -> list[dict]:
    """Each "not applicable" answer that does not stand, with why; it counts as not in place."""
    return [
        {"title": _title(report, key), "message": message}
        for key, message in report.result.readiness.refused.items()
    ]


def override_rows(report: SavedReport) -> list[dict]:
    """Every control-by-control verdict: what the user set, what it counts as when that differs,
    and why it does not count in full. Those with a problem come first."""
    overrides = report.answers.control_overrides
    rows = []
    for status in report.result.readiness.controls:
        if not status.overridden:
            continue
        verdict = overrides.get(override_key(status.framework, status.ref), {})
        chosen = verdict.get("status", status.status)
        rows.append(
            {
                "framework": status.framework,
                "framework_name": FRAMEWORK_NAMES.get(status.framework, status.framework),
                "ref": status.ref,
                "title": report.control_title(status.framework, status.ref),
                "verdict": Status.label_of(chosen),
                "counts_as": STATUS_LABELS.get(status.status, status.status)
                if status.status != chosen
                else "",
                "note": status.note,
                "issue": status.override_issue,
            }
        )
    return sorted(rows, key=lambda row: not (row["issue"] or row["counts_as"]))


def readiness_context(report: SavedReport) -> dict:
    plan = plan_rows(report)
    overrides = override_rows(report)
    return {
        "plan": plan,
        "gaps": gap_rows(report, {row["question"]: row["weeks"] for row in plan}),
        "gap_count": len(report.result.readiness.gaps),
        "refused": refused_rows(report),
        "overrides": overrides,
        "override_problems": [row for row in overrides if row["issue"] or row["counts_as"]],
    }
