"""A requirement's readiness status, shared by the readiness figures and the gap list."""

from __future__ import annotations

from dataclasses import dataclass

from .codes import Status

MET, PARTIAL, GAP = Status.MET, Status.PARTIAL, Status.GAP
NOT_APPLICABLE, NOT_ASSESSED = Status.NOT_APPLICABLE, Status.NOT_ASSESSED


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
