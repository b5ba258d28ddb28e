"""The control-by-control deep dive: each requirement of one framework with its status, and the
user's earlier verdicts to start the form from."""

from __future__ import annotations

from .engine.applicability import exclusion_refusal
from .report_model import SavedReport
from .status_labels import STATUS_LABELS


def deep_dive_controls(report: SavedReport, framework: str) -> list[dict]:
    rows = []
    for c in report.result.readiness.controls:
        if c.framework != framework:
            continue
        control = report.control(framework, c.ref)
        kind = control.kind if control else ""
        rows.append(
            {
                "framework": c.framework,
                "ref": c.ref,
                "kind": kind,
                "title": control.title if control else "",
                "category": control.category if control else "",
                "status": c.status,
                "status_label": STATUS_LABELS.get(c.status, c.status),
                "excludable": not exclusion_refusal(framework=framework, ref=c.ref, kind=kind),
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
