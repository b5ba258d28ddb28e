"""The gap list: the answered questions still short of "in place with evidence", in the order
the work happens. Priority first (a weight per question, with its reason, as reference data),
then severity (not in place, then partly, then in place without evidence), reach (how many open
requirements of both frameworks the question moves) and effort (quicker work first); and no gap
ever comes before one whose work it depends on (the scope before the risk assessment, the
internal audit before the management review). Each gap says why it sits where it does, and the
first of them make a 90-day plan by owner."""

from __future__ import annotations

from dataclasses import dataclass, replace

from assessments.engine.codes import ReadinessLevel
from assessments.engine.reference import ISO, SOC2, ReferenceData
from assessments.engine.reference_codes import Effort
from assessments.engine.statuses import MET, NOT_APPLICABLE, ControlStatus

SEVERITY_LABELS: dict[str, str] = {
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
    # Engine 2.2: its priority (5 first), who usually owns it, and the gaps it waits for.
    priority: int = 3
    owner: str = ""
    after: tuple[str, ...] = ()

    @property
    def moves_both(self) -> bool:
        return bool(self.soc2) and bool(self.iso27001)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def gap_why(
    *, answer: str, soc2: int, iso27001: int, effort: int, priority: int = 0, reason: str = ""
) -> str:
    """Why a gap ranks where it does, in the order the ranking reads it."""
    reach = [
        text
        for n, text in (
            (soc2, _count(soc2, "SOC 2 criterion", "SOC 2 criteria")),
            (iso27001, _count(iso27001, "ISO 27001 requirement", "ISO 27001 requirements")),
        )
        if n
    ]
    lead = f"Priority {priority} of 5: {reason} · " if priority and reason else ""
    return (
        f"{lead}{SEVERITY_LABELS[answer]} · moves {' and '.join(reach)} still open · "
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
        closes: dict[str, int] = {SOC2: 0, ISO: 0}
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
            -q.priority,
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
                priority=q.priority,
                reason=q.priority_reason,
            ),
            soc2=tuple(s.ref for s in affected[SOC2]),
            iso27001=tuple(s.ref for s in affected[ISO]),
            closes_soc2=closes[SOC2],
            closes_iso27001=closes[ISO],
            priority=q.priority,
            owner=q.owner_role,
        )
        ranked.append((key, gap))
    ordered = [gap for _, gap in sorted(ranked, key=lambda item: item[0])]
    return _after_dependencies(ordered, {q.key: q.depends_on for q in reference.questions})


def _after_dependencies(gaps: list[Gap], depends: dict[str, tuple[str, ...]]) -> tuple[Gap, ...]:
    """The ranked gaps, each moved behind every open gap whose work it depends on (directly or
    through another), and told which those are."""
    by_key = {g.question: g for g in gaps}
    placed: dict[str, Gap] = {}

    def waits_for(key: str, seen: frozenset[str]) -> list[str]:
        found = []
        for dep in depends.get(key, ()):
            if dep in seen:
                continue
            if dep in by_key:
                found.append(dep)
            else:  # a dependency already done: what it waited for still comes first
                found += waits_for(dep, seen | {dep})
        return found

    def place(gap: Gap, seen: frozenset[str]) -> None:
        if gap.question in placed:
            return
        before = [d for d in waits_for(gap.question, seen) if d not in seen]
        for dep in before:
            place(by_key[dep], seen | {gap.question})
        placed[gap.question] = replace(gap, after=tuple(dict.fromkeys(before)))

    for gap in gaps:
        place(gap, frozenset({gap.question}))
    return tuple(placed.values())


# The weeks each effort takes when one owner works through a plan, and the plan's horizon.
EFFORT_WEEKS = {1: 1, 2: 3, 3: 8}
PLAN_WEEKS = 13


@dataclass(frozen=True)
class PlanStep:
    """One gap in the first 90 days: who owns it, and from which week to which. What "done"
    looks like is the question's own auditor evidence, looked up by key."""

    question: str
    owner: str
    effort: str
    start_week: int
    due_week: int


def first_90_days(gaps: tuple[Gap, ...], efforts: dict[str, int]) -> tuple[PlanStep, ...]:
    """The gaps in their order, each owner working through theirs one at a time, each gap
    starting once those it waits for are due; the steps that start within 13 weeks."""
    free: dict[str, int] = {}
    due: dict[str, int] = {}
    steps = []
    for gap in gaps:
        owner = gap.owner or "Security lead"
        start = max([free.get(owner, 0), *(due[d] for d in gap.after if d in due)])
        end = start + EFFORT_WEEKS.get(efforts.get(gap.question, 2), 3)
        due[gap.question] = end
        if start >= PLAN_WEEKS:
            continue
        free[owner] = end
        steps.append(PlanStep(gap.question, owner, gap.effort, start, end))
    return tuple(steps)
