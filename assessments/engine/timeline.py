"""Routes in weeks: readiness, audits, the Type II observation window, certificates."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answers
from .reference import ISO, SOC2, RangeInfo, ReferenceData

# The readiness phase shrinks with more people on it and with outside help.
APPROACH_SPEED = {"platform": 0.85, "consultant": 0.85, "both": 0.75, "in_house": 1.0}
NEXT_BUDGET_YEAR_WEEKS = 52
ISO_2013_HEAD_START = 0.6  # an ISMS that was certified to 2013 leaves 60 % of the gap


@dataclass(frozen=True)
class Phase:
    key: str
    name: str
    framework: str
    start: int
    weeks: int
    kind: str  # work | audit | window | milestone

    @property
    def end(self) -> int:
        return self.start + self.weeks


@dataclass(frozen=True)
class Plan:
    framework: str
    phases: tuple[Phase, ...]
    first_proof: str
    first_proof_week: int
    uses_type1: bool = False

    @property
    def end(self) -> int:
        return max(p.end for p in self.phases) if self.phases else 0


def capacity_factor(answers: Answers) -> float:
    people = answers.internal_people
    if people <= 0.25:
        by_people = 1.4
    elif people <= 0.5:
        by_people = 1.2
    elif people <= 1:
        by_people = 1.0
    elif people <= 2:
        by_people = 0.9
    else:
        by_people = 0.8
    return round(by_people * APPROACH_SPEED.get(answers.approach, 1.0), 3)


def _range(reference: ReferenceData, key: str) -> RangeInfo:
    return next(t for t in reference.timelines if t.key == key)


def _prep_weeks(item: RangeInfo, gap: float, capacity: float) -> int:
    weeks = (item.low + (item.high - item.low) * gap) * capacity
    return max(item.low, round(weeks))


def soc2_plan(
    answers: Answers,
    reference: ReferenceData,
    *,
    gap: float,
    start: int = 0,
    prefer_type1: bool | None = None,
) -> Plan:
    """The SOC 2 route. Type I comes first when the deadline falls before a Type II could."""
    window = _range(reference, "soc2_type2_window")
    report = _range(reference, "soc2_type2_report")
    if "soc2_type2" in answers.existing:
        phases = (
            Phase("soc2_window", "Next observation period", SOC2, start, 52, "window"),
            Phase(
                "soc2_renewal", "Renewed Type II report", SOC2, start + 52, report.typical, "audit"
            ),
        )
        return Plan(SOC2, phases, "Current SOC 2 Type II report (already held)", start)

    capacity = capacity_factor(answers)
    if "soc2_type1" in answers.existing:
        gap = gap * 0.5
    ready = _range(reference, "soc2_readiness")
    prep = _prep_weeks(ready, gap, capacity)
    type2_done = start + prep + window.typical + report.typical
    weeks_left = answers.weeks_to_deadline()
    if prefer_type1 is None:
        prefer_type1 = (
            "soc2_type1" not in answers.existing
            and weeks_left is not None
            and weeks_left < type2_done
        )
    phases = [Phase("soc2_readiness", ready.name, SOC2, start, prep, "work")]
    window_start = start + prep
    if prefer_type1:
        type1 = _range(reference, "soc2_type1_audit")
        phases.append(Phase("soc2_type1", type1.name, SOC2, window_start, type1.typical, "audit"))
    phases.append(
        Phase(
            "soc2_window",
            "Type II observation window",
            SOC2,
            window_start,
            window.typical,
            "window",
        )
    )
    phases.append(
        Phase(
            "soc2_type2", report.name, SOC2, window_start + window.typical, report.typical, "audit"
        )
    )
    if prefer_type1:
        return Plan(SOC2, tuple(phases), "SOC 2 Type I report", phases[1].end, uses_type1=True)
    return Plan(SOC2, tuple(phases), "SOC 2 Type II report", phases[-1].end)


def iso_plan(answers: Answers, reference: ReferenceData, *, gap: float, start: int = 0) -> Plan:
    if "iso27001_2022" in answers.existing:
        phases = (Phase("iso_surveillance", "Next surveillance audit", ISO, start, 2, "audit"),)
        return Plan(ISO, phases, "Current ISO 27001:2022 certificate (already held)", start)
    if "iso27001_2013" in answers.existing:
        gap = gap * ISO_2013_HEAD_START
    capacity = capacity_factor(answers)
    build = _range(reference, "iso_implementation")
    prep = _prep_weeks(build, gap, capacity)
    phases = [Phase("iso_implementation", build.name, ISO, start, prep, "work")]
    cursor = start + prep
    for key, kind in (
        ("iso_internal_audit", "work"),
        ("iso_certification_audit", "audit"),
        ("iso_certificate_issue", "milestone"),
    ):
        item = _range(reference, key)
        phases.append(Phase(key, item.name, ISO, cursor, item.typical, kind))
        cursor += item.typical
    return Plan(ISO, tuple(phases), "ISO 27001:2022 certificate", cursor)


def plan_for(
    framework: str, answers: Answers, reference: ReferenceData, *, gap: float, start: int = 0
) -> Plan:
    if framework == SOC2:
        return soc2_plan(answers, reference, gap=gap, start=start)
    return iso_plan(answers, reference, gap=gap, start=start)


def fastest_first_proof(answers: Answers, reference: ReferenceData, gaps: dict[str, float]):
    """Weeks to the first proof each framework could deliver on its own."""
    return {
        SOC2: soc2_plan(answers, reference, gap=gaps[SOC2], prefer_type1=True).first_proof_week,
        ISO: iso_plan(answers, reference, gap=gaps[ISO]).first_proof_week,
    }
