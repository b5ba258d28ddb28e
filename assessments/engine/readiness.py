"""How far the company is from each framework, from one set of answers mapped to both.

Honesty rules: "in place" without evidence earns only part of the credit; a control is met only
when every question that covers it is met; controls no question covers are "not assessed", never
counted as met."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .answers import Answers
from .reference import FRAMEWORKS, ISO, SOC2, ControlInfo, QuestionInfo, ReferenceData

CREDIT = {"not_in_place": 0.0, "partly": 0.25, "in_place": 0.6, "evidence": 1.0}
MET, PARTIAL, GAP, NA, NOT_ASSESSED = "met", "partial", "gap", "not_applicable", "not_assessed"

# When nobody answered the questions, the stated maturity stands in for the share still to build.
MATURITY_GAP = {"ad_hoc": 0.85, "basic": 0.65, "documented": 0.4, "managed": 0.2}


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


OVERRIDE_SCORE = {MET: 1.0, PARTIAL: 0.5, GAP: 0.0, NA: 0.0}


def override_key(framework: str, ref: str) -> str:
    return f"{framework}:{ref}"


@dataclass(frozen=True)
class GroupReadiness:
    framework: str
    name: str
    percent: int
    met: int
    assessed: int
    total: int


@dataclass(frozen=True)
class GapControl:
    ref: str
    title: str
    auditor_evidence: str


@dataclass(frozen=True)
class Gap:
    question: str
    text: str
    topic: str
    answer: str
    help_text: str
    soc2: tuple[GapControl, ...]
    iso27001: tuple[GapControl, ...]
    closes_soc2: int
    closes_iso27001: int

    @property
    def moves_both(self) -> bool:
        return bool(self.soc2) and bool(self.iso27001)


@dataclass(frozen=True)
class SoaEntry:
    ref: str
    title: str
    theme: str
    applicable: bool
    reason: str
    implemented: str


@dataclass(frozen=True)
class Readiness:
    assessed: bool
    percent: dict[str, int]
    gap_share: dict[str, float]
    groups: tuple[GroupReadiness, ...]
    controls: tuple[ControlStatus, ...]
    gaps: tuple[Gap, ...]
    soa: tuple[SoaEntry, ...]
    coverage: dict[str, tuple[int, int]]


def _question_credit(level: str | None) -> float | None:
    """None for not applicable; 0 for unanswered."""
    if level == "na":
        return None
    return CREDIT.get(level or "not_in_place", 0.0)


def _control_status(credits: list[float | None]) -> tuple[str, float]:
    if not credits:
        return NOT_ASSESSED, 0.0
    applicable = [c for c in credits if c is not None]
    if not applicable:
        return NA, 0.0
    score = sum(applicable) / len(applicable)
    if all(c == CREDIT["evidence"] for c in applicable):
        return MET, score
    if any(c > 0 for c in applicable):
        return PARTIAL, score
    return GAP, score


def _questions_by_control(questions: tuple[QuestionInfo, ...]) -> dict[tuple[str, str], list[str]]:
    by_control: dict[tuple[str, str], list[str]] = defaultdict(list)
    for q in questions:
        for control in q.controls:
            by_control[control].append(q.key)
    return by_control


def control_statuses(answers: Answers, reference: ReferenceData) -> tuple[ControlStatus, ...]:
    by_control = _questions_by_control(reference.questions)
    statuses = []
    for c in (c for f in FRAMEWORKS for c in reference.requirements(f)):
        keys = by_control.get((c.framework, c.ref), [])
        if answers.readiness:
            # A question left unanswered counts as not in place: no credit without an answer.
            credits = [_question_credit(answers.readiness.get(k)) for k in keys]
            status, score = _control_status(credits)
        else:
            status, score = NOT_ASSESSED, 0.0
        override = answers.control_overrides.get(override_key(c.framework, c.ref))
        if override and override.get("status") in OVERRIDE_SCORE:
            # The user's control-by-control verdict wins over the question-based estimate.
            status = override["status"]
            statuses.append(
                ControlStatus(
                    c.framework,
                    c.ref,
                    c.title,
                    c.category,
                    status,
                    OVERRIDE_SCORE[status],
                    tuple(keys),
                    override.get("note", ""),
                    True,
                )
            )
            continue
        statuses.append(
            ControlStatus(c.framework, c.ref, c.title, c.category, status, score, tuple(keys))
        )
    return tuple(statuses)


def _percent(statuses: list[ControlStatus]) -> tuple[int, int, int]:
    assessed = [s for s in statuses if s.status not in (NA, NOT_ASSESSED)]
    met = sum(1 for s in assessed if s.status == MET)
    if not assessed:
        return 0, met, 0
    return round(100 * sum(s.score for s in assessed) / len(assessed)), met, len(assessed)


def _groups(statuses: tuple[ControlStatus, ...], reference: ReferenceData):
    order: dict[tuple[str, str], list[ControlStatus]] = {}
    for s in statuses:
        order.setdefault((s.framework, s.category), []).append(s)
    groups = []
    for (framework, name), members in order.items():
        percent, met, assessed = _percent(members)
        groups.append(GroupReadiness(framework, name, percent, met, assessed, len(members)))
    return tuple(groups)


def _gaps(
    answers: Answers, reference: ReferenceData, statuses: tuple[ControlStatus, ...]
) -> tuple[Gap, ...]:
    status_of = {(s.framework, s.ref): s for s in statuses}
    control_of = {(c.framework, c.ref): c for c in reference.controls}
    gaps = []
    for position, q in enumerate(reference.questions):
        level = answers.readiness.get(q.key, "not_in_place")
        if level in ("evidence", "na"):
            continue
        affected: dict[str, list[ControlInfo]] = {SOC2: [], ISO: []}
        closes = {SOC2: 0, ISO: 0}
        for framework, ref in q.controls:
            status = status_of.get((framework, ref))
            if status is None or status.status == MET:
                continue
            affected[framework].append(control_of[(framework, ref)])
            others = [k for k in status.questions if k != q.key]
            if all(answers.readiness.get(k) in ("evidence", "na") for k in others):
                closes[framework] += 1
        if not (affected[SOC2] or affected[ISO]):
            continue
        gaps.append(
            (
                (
                    not (affected[SOC2] and affected[ISO]),
                    -(closes[SOC2] + closes[ISO]),
                    -(len(affected[SOC2]) + len(affected[ISO])),
                    position,
                ),
                Gap(
                    question=q.key,
                    text=q.text,
                    topic=q.topic,
                    answer=level,
                    help_text=q.help_text,
                    soc2=tuple(
                        GapControl(c.ref, c.title, c.auditor_evidence) for c in affected[SOC2]
                    ),
                    iso27001=tuple(
                        GapControl(c.ref, c.title, c.auditor_evidence) for c in affected[ISO]
                    ),
                    closes_soc2=closes[SOC2],
                    closes_iso27001=closes[ISO],
                ),
            )
        )
    return tuple(gap for _, gap in sorted(gaps, key=lambda item: item[0]))


def _soa(
    answers: Answers, reference: ReferenceData, statuses: tuple[ControlStatus, ...]
) -> tuple[SoaEntry, ...]:
    status_of = {(s.framework, s.ref): s for s in statuses}
    entries = []
    for c in reference.controls_of(ISO, "annex_a"):
        status = status_of[(ISO, c.ref)]
        if status.status == NA:
            reasons = (
                [status.note.strip()]
                if status.overridden
                else [answers.readiness_notes.get(k, "").strip() for k in status.questions]
            )
            reason = "; ".join(r for r in reasons if r) or "Marked not applicable."
            entries.append(SoaEntry(c.ref, c.title, c.category, False, reason, "n/a"))
        else:
            reason = (
                "Applicable by default: no question covered it; confirm with your risk assessment."
                if status.status == NOT_ASSESSED
                else "Applicable: your answers show the need for it."
            )
            entries.append(SoaEntry(c.ref, c.title, c.category, True, reason, status.status))
    return tuple(entries)


def readiness_assess(answers: Answers, reference: ReferenceData) -> Readiness:
    statuses = control_statuses(answers, reference)
    assessed = bool(answers.readiness) or bool(answers.control_overrides)
    percent: dict[str, int] = {}
    gap_share: dict[str, float] = {}
    coverage: dict[str, tuple[int, int]] = {}
    for framework in FRAMEWORKS:
        members = [s for s in statuses if s.framework == framework]
        value, _, n_assessed = _percent(members)
        coverage[framework] = (
            sum(1 for s in members if s.status != NOT_ASSESSED),
            len(members),
        )
        if assessed and n_assessed:
            percent[framework] = value
            gap_share[framework] = round(1 - value / 100, 3)
        else:
            percent[framework] = round(100 * (1 - MATURITY_GAP.get(answers.maturity, 0.65)))
            gap_share[framework] = MATURITY_GAP.get(answers.maturity, 0.65)
    return Readiness(
        assessed=assessed,
        percent=percent,
        gap_share=gap_share,
        groups=_groups(statuses, reference) if assessed else (),
        controls=statuses,
        gaps=_gaps(answers, reference, statuses) if assessed else (),
        soa=_soa(answers, reference, statuses) if assessed else (),
        coverage=coverage,
    )
