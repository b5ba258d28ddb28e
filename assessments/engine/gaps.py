"""The gap list: the answered questions still short of "in place with evidence", in the order
an advisor would tackle them. Severity first (not in place, then partly, then in place without
evidence), then reach (how many open requirements of both frameworks the question moves), then
effort (quicker work first). Each gap says why it sits where it does."""

from __future__ import annotations

from dataclasses import dataclass

from .codes import ReadinessLevel
from .reference import ISO, SOC2, ReferenceData
from .reference_codes import Effort
from .statuses import MET, NOT_APPLICABLE, ControlStatus

SEVERITY_LABELS = {
    ReadinessLevel.NOT_IN_PLACE: "Not in place",
    ReadinessLevel.PARTLY: "Partly in place",
    ReadinessLevel.IN_PLACE: "In place but without evidence",
}
SEVERITY = tuple(SEVERITY_LABELS)
DONE = (ReadinessLevel.EVIDENCE, ReadinessLevel.NOT_APPLICABLE)


@dataclass(frozen=True)
class Gap:
    """An answered question short of "in place with evidence". Its title, text and what an
    auditor will want to see are the question's, looked up by its key."""

    question: str
    answer: str
    effort: str
    why: str
    soc2: tuple[str, ...]  # the open requirements it moves, by id
    iso27001: tuple[str, ...]
    closes_soc2: int
    closes_iso27001: int

    @property
    def moves_both(self) -> bool:
        return bool(self.soc2) and bool(self.iso27001)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def gap_why(*, answer: str, soc2: int, iso27001: int, effort: int) -> str:
    """Why a gap ranks where it does, in the order the ranking reads it."""
    reach = [
        text
        for n, text in (
            (soc2, _count(soc2, "SOC 2 criterion", "SOC 2 criteria")),
            (iso27001, _count(iso27001, "ISO 27001 requirement", "ISO 27001 requirements")),
        )
        if n
    ]
    return (
        f"{SEVERITY_LABELS[answer]} · moves {' and '.join(reach)} still open · "
        f"{Effort(effort).label} of work"
    )


def gaps_rank(
    *,
    levels: dict[str, str],
    reference: ReferenceData,
    statuses: tuple[ControlStatus, ...],
    by_control: dict[tuple[str, str], tuple[str, ...]],
) -> tuple[Gap, ...]:
    """Every answered question below "evidence" that still moves an open requirement, ranked."""
    status_of = {(s.framework, s.ref): s for s in statuses}
    ranked = []
    for position, q in enumerate(reference.questions):
        answer = levels.get(q.key)
        if answer not in SEVERITY:
            continue
        affected: dict[str, list[ControlStatus]] = {SOC2: [], ISO: []}
        closes = {SOC2: 0, ISO: 0}
        for framework, ref in q.controls:
            status = status_of.get((framework, ref))
            if status is None or status.status in (MET, NOT_APPLICABLE):
                continue
            affected[framework].append(status)
            others = [k for k in by_control.get((framework, ref), ()) if k != q.key]
            if not status.overridden and all(levels.get(k) in DONE for k in others):
                closes[framework] += 1
        reach = len(affected[SOC2]) + len(affected[ISO])
        if not reach:
            continue
        key = (
            SEVERITY.index(answer),
            -reach,
            not (affected[SOC2] and affected[ISO]),
            q.effort,
            position,
        )
        gap = Gap(
            question=q.key,
            answer=answer,
            effort=Effort(q.effort).label,
            why=gap_why(
                answer=answer,
                soc2=len(affected[SOC2]),
                iso27001=len(affected[ISO]),
                effort=q.effort,
            ),
            soc2=tuple(s.ref for s in affected[SOC2]),
            iso27001=tuple(s.ref for s in affected[ISO]),
            closes_soc2=closes[SOC2],
            closes_iso27001=closes[ISO],
        )
        ranked.append((key, gap))
    return tuple(gap for _, gap in sorted(ranked, key=lambda item: item[0]))
