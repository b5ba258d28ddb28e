"""A requirement's readiness status, shared by the readiness figures and the gap list."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.engine.codes import Status

MET, PARTIAL, GAP = Status.MET, Status.PARTIAL, Status.GAP
NOT_APPLICABLE, NOT_ASSESSED = Status.NOT_APPLICABLE, Status.NOT_ASSESSED


@dataclass(frozen=True)
class ControlStatus:
    """One requirement's status; its title and category are reference data, looked up by ref."""

    framework: str
    ref: str
    status: str = NOT_ASSESSED
    score: float = 0.0
    note: str = ""
    overridden: bool = False
    # Why an override to "met" counts only as "in place without evidence" (engine 2.2): its note
    # names no evidence, or an answer about the same control says it is not in place.
    override_issue: str = ""
