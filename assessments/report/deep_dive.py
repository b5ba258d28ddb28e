"""The control-by-control deep dive: each requirement of one framework with its status, and the
user's earlier verdicts to start the form from."""

from __future__ import annotations

from assessments.engine.applicability import exclusion_refusal, necessary_because
from assessments.engine.readiness import questions_by_control
from assessments.report.model import SavedReport
from assessments.report.status_labels import STATUS_LABELS


def deep_dive_controls(report: SavedReport, framework: str) -> list[dict]:
    rows = []
    necessity = report.reference.necessity
    covering = questions_by_control(report.reference)
    questions = {q.key: q for q in report.reference.questions}
    for c in report.result.readiness.controls:
        if c.framework != framework:
            continue
        control = report.control(framework, c.ref)
        kind = control.kind if control else ""
        necessary = necessary_because(report.answers, necessity, f"{framework}:{c.ref}")
        asked = [questions[k] for k in covering.get((framework, c.ref), ()) if k in questions]
        rows.append(
            {
                "framework": c.framework,
                "ref": c.ref,
                "kind": kind,
                "title": control.title if control else "",
                "category": control.category if control else "",
                "status": c.status,
                "status_label": STATUS_LABELS.get(c.status, c.status),
                "excludable": not (
                    exclusion_refusal(framework=framework, ref=c.ref, kind=kind) or necessary
                ),
                # Why the company's answers make it necessary, and the words a reason for
                # excluding it must be about (its title and the questions about it).
                "necessary": necessary,
                "subject": " ".join(
                    [control.title if control else "", *(f"{q.title} {q.text}" for q in asked)]
                ),
            }
        )
    return rows


def deep_dive_initial(report: SavedReport, framework: str, controls: list[dict]) -> dict:
    overrides = report.answers.control_overrides
    initial = {}
    for i, c in enumerate(controls):
        override = overrides.get(f"{framework}:{c['ref']}")
        if override:
            initial[f"s_{i}"] = override.get("status", "")
            initial[f"n_{i}"] = override.get("note", "")
    return initial
