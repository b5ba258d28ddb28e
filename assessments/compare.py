"""Two versions of an assessment side by side: the answers that changed and what they changed."""

from __future__ import annotations

from .answers_display import FIELD_LABELS, answer_text
from .formatting import FRAMEWORK_NAMES, VERDICT_NAMES
from .report_model import SavedReport
from .wizard_steps import ANSWER_FIELDS


def _row(title: str, before, after) -> dict:
    return {"label": title, "before": before, "after": after, "changed": before != after}


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
    old, new = older.result, newer.result
    outcome = [
        _row("Verdict", VERDICT_NAMES[old.verdict], VERDICT_NAMES[new.verdict]),
        _row("Route", old.headline, new.headline),
        _row("Confidence", old.confidence, new.confidence),
    ]
    for framework in ("soc2", "iso27001"):
        name = FRAMEWORK_NAMES[framework]
        outcome.append(_row(f"{name} signals", old.scores[framework], new.scores[framework]))
        outcome.append(
            _row(
                f"{name} readiness",
                f"{old.readiness.percent[framework]}%",
                f"{new.readiness.percent[framework]}%",
            )
        )
    return {
        "older": older.assessment,
        "newer": newer.assessment,
        "answer_rows": answer_rows,
        "outcome_rows": outcome,
    }
