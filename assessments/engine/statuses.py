"""A requirement's readiness status, shared by the readiness figures and the gap list."""

from __future__ import annotations

from dataclasses import dataclass

MET, PARTIAL, GAP, NA, NOT_ASSESSED = "met", "partial", "gap", "not_applicable", "not_assessed"


@dataclass(frozen=True)
class ControlStatus:
    framework: str
    ref: str
    title: str
    category: str
    status: str
    score: float
    questions: tuple[str, ...]
    note: str = ""
    overridden: bool = False
