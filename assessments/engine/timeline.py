"""Routes in weeks: readiness, audits, the Type II observation window, certificates, renewals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assessments.engine.answers import Answers
from assessments.engine.codes import Approach, Held, RegulatedBuyer, SizeBand
from assessments.engine.reference import ISO, SOC2, RangeInfo, ReferenceData

# The readiness phase shrinks with more people on it and with outside help.
APPROACH_SPEED: dict[str, float] = {
    Approach.PLATFORM: 0.85,
    Approach.CONSULTANT: 0.85,
    Approach.BOTH: 0.75,
    Approach.IN_HOUSE: 1.0,
}
# A smaller company has fewer systems, teams and suppliers to bring into line.
SIZE_SPEED: dict[str, float] = {
    SizeBand.MICRO: 0.75,
    SizeBand.SMALL: 0.85,
    SizeBand.MEDIUM: 1.0,
    SizeBand.LARGE: 1.2,
    SizeBand.ENTERPRISE: 1.4,
}
# A fast and a slow programme: the preparation at these shares of the typical, the audits and
# reports at their published low and high durations.
FAST_PREP, SLOW_PREP = 0.75, 1.4
NEXT_BUDGET_YEAR_WEEKS = 52
HORIZON_WEEKS = 156  # three years
ISO_2013_HEAD_START = 0.6  # an ISMS that was certified to 2013 leaves 60 % of the gap
TYPE1_HEAD_START = 0.5  # controls a Type I found well designed leave half the gap
RECERTIFY_BEFORE_WEEKS = 8  # a recertification audit must be over before the certificate expires
WEEKS_PER_MONTH = 52 / 12
SOC2_TYPE1, SOC2_TYPE2, ISO_CERT = "soc2_type1", "soc2_type2", "iso27001"


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
class Range:
    """Weeks for a fast, a typical and a slow programme."""

    low: int
    typical: int
    high: int


@dataclass(frozen=True)
class Plan:
    framework: str
    phases: tuple[Phase, ...]
    first_proof: str
    first_proof_week: int
    uses_type1: bool = False
    # When each kind of proof is in hand (week 0: already held): soc2_type1, soc2_type2, iso27001.
    proofs: dict[str, int] = field(default_factory=dict)
    held: bool = False
    # The same proofs for a fast and a slow programme (engine 2.1; empty before).
    proofs_fast: dict[str, int] = field(default_factory=dict)
    proofs_slow: dict[str, int] = field(default_factory=dict)
    # The share of the work still to do after every head start, and what those head starts were.
    gap: float = 0.0
    head_start: str = ""

    def proof_range(self, proof: str) -> Range:
        typical = self.proofs[proof]
        return Range(
            self.proofs_fast.get(proof, typical), typical, self.proofs_slow.get(proof, typical)
        )

    @property
    def first_proof_range(self) -> Range:
        proof = min(self.proofs, key=lambda p: self.proofs[p]) if self.proofs else None
        if proof is None:
            return Range(self.first_proof_week, self.first_proof_week, self.first_proof_week)
        return self.proof_range(proof)

    @property
    def end(self) -> int:
        return max(p.end for p in self.phases) if self.phases else 0

    @property
    def work_done(self) -> int:
        """The week this plan's own preparation ends (0 when nothing is left to build)."""
        work = [p.end for p in self.phases if p.kind == "work"]
        return max(work) if work else 0


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
    by_size = SIZE_SPEED.get(answers.headcount, 1.0)
    return round(by_people * APPROACH_SPEED.get(answers.approach, 1.0) * by_size, 3)


def _range(reference: ReferenceData, key: str) -> RangeInfo:
    return next(t for t in reference.timelines if t.key == key)


def _prep_weeks(item: RangeInfo, gap: float, capacity: float) -> int:
    weeks = (item.low + (item.high - item.low) * gap) * capacity
    return max(item.low, round(weeks))


def _spread(
    prep: int, fixed: list[RangeInfo], extra: int = 0, floor: int = 0
) -> tuple[int, int, int]:
    """Weeks to a proof for a fast, a typical and a slow programme: the preparation scaled (never
    below the published fastest), the audits and reports at their low, typical and high."""
    return (
        max(min(floor, prep), round(prep * FAST_PREP)) + sum(f.low for f in fixed) + extra,
        prep + sum(f.typical for f in fixed) + extra,
        round(prep * SLOW_PREP) + sum(f.high for f in fixed) + extra,
    )


def _week_of(answers: Answers, day: date | None) -> int | None:
    weeks = answers.weeks_until(day)
    return None if weeks is None else max(0, round(weeks))


def window_months(answers: Answers, rules: dict[str, float]) -> int:
    """The Type II observation period: the user's choice, or three months unless regulated
    buyers (banks above all) are likely to want a longer one."""
    if answers.soc2_window_months:
        return answers.soc2_window_months
    if RegulatedBuyer.FINANCE in answers.regulated_buyers:
        return int(rules["type2_window_regulated_months"])
    return int(rules["type2_window_default_months"])


def _soc2_renewal(answers: Answers, report: RangeInfo, start: int) -> Plan:
    """A Type II already held: the current period runs on and the next report follows it."""
    period_end = _week_of(answers, answers.soc2_period_end)
    ends = start + NEXT_BUDGET_YEAR_WEEKS if period_end is None else max(start, period_end)
    phases = (
        Phase("soc2_window", "Current observation period", SOC2, start, ends - start, "window"),
        Phase("soc2_renewal", "Renewed Type II report", SOC2, ends, report.typical, "audit"),
    )
    return Plan(
        SOC2,
        phases,
        "Current SOC 2 Type II report (already held)",
        0,
        proofs={SOC2_TYPE1: 0, SOC2_TYPE2: 0},
        held=True,
    )


def soc2_plan(
    answers: Answers,
    reference: ReferenceData,
    *,
    gap: float,
    rules: dict[str, float],
    start: int = 0,
    deadline_week: float | None = None,
    type1_accepted: bool = True,
    head_start_note: str = "",
    window: int | None = None,
) -> Plan:
    """The SOC 2 route. A Type I comes first only as a bridge: when a buyer who accepts one is
    waiting, and its date falls before a Type II could be ready."""
    report = _range(reference, "soc2_type2_report")
    if Held.SOC2_TYPE2 in answers.existing:
        return _soc2_renewal(answers, report, start)

    holds_type1 = Held.SOC2_TYPE1 in answers.existing
    head_start = head_start_note
    if holds_type1:
        gap *= TYPE1_HEAD_START
        head_start = _joined(head_start, "the Type I you hold halves what is left")
    ready = _range(reference, "soc2_readiness")
    prep = _prep_weeks(ready, gap, capacity_factor(answers))
    months = window or window_months(answers, rules)
    weeks = round(months * WEEKS_PER_MONTH)
    window_start = start + prep
    type2_done = window_start + weeks + report.typical
    bridge = (
        not holds_type1
        and type1_accepted
        and deadline_week is not None
        and deadline_week < type2_done
    )
    phases = [Phase("soc2_readiness", ready.name, SOC2, start, prep, "work")]
    fast, _, slow = _spread(prep, [report], start + weeks, ready.low)
    proofs = {SOC2_TYPE2: type2_done}
    proofs_fast, proofs_slow = {SOC2_TYPE2: fast}, {SOC2_TYPE2: slow}
    if holds_type1:
        proofs[SOC2_TYPE1] = proofs_fast[SOC2_TYPE1] = proofs_slow[SOC2_TYPE1] = 0
    if bridge:
        type1 = _range(reference, "soc2_type1_audit")
        phases.append(Phase("soc2_type1", type1.name, SOC2, window_start, type1.typical, "audit"))
        proofs_fast[SOC2_TYPE1], proofs[SOC2_TYPE1], proofs_slow[SOC2_TYPE1] = _spread(
            prep, [type1], start, ready.low
        )
    phases += [
        Phase(
            "soc2_window",
            f"Type II window, {months} months",
            SOC2,
            window_start,
            weeks,
            "window",
        ),
        Phase("soc2_type2", report.name, SOC2, window_start + weeks, report.typical, "audit"),
    ]
    if bridge:
        first_proof, first_week = "SOC 2 Type I report", proofs[SOC2_TYPE1]
    else:
        first_proof, first_week = "SOC 2 Type II report", type2_done
    return Plan(
        SOC2,
        tuple(phases),
        first_proof,
        first_week,
        uses_type1=bridge,
        proofs=proofs,
        proofs_fast=proofs_fast,
        proofs_slow=proofs_slow,
        gap=round(gap, 3),
        head_start=head_start,
    )


def _iso_cycle(answers: Answers, start: int) -> Plan:
    """A 2022 certificate already held: surveillance audits on the anniversaries of its
    three-year cycle, recertification before it expires. Without the expiry date, the next
    audit is assumed half a year out and one a year after that."""
    cycle = 3 * NEXT_BUDGET_YEAR_WEEKS
    expiry = _week_of(answers, answers.iso_expiry)
    if expiry is None:
        expiry = start + 26 + 2 * NEXT_BUDGET_YEAR_WEEKS
    audits = []
    for ends in range(expiry, HORIZON_WEEKS + cycle, cycle):
        audits += [
            (ends - 2 * NEXT_BUDGET_YEAR_WEEKS, "iso_surveillance", "Surveillance audit"),
            (ends - NEXT_BUDGET_YEAR_WEEKS, "iso_surveillance", "Surveillance audit"),
            (ends - RECERTIFY_BEFORE_WEEKS, "iso_recertification", "Recertification audit"),
        ]
    phases = []
    for week, key, name in audits:
        weeks = RECERTIFY_BEFORE_WEEKS if key == "iso_recertification" else 2
        if week + weeks > start and week < HORIZON_WEEKS:
            begins = max(week, start)
            phases.append(Phase(key, name, ISO, begins, week + weeks - begins, "audit"))
    return Plan(
        ISO,
        tuple(phases),
        f"Current {ISO.titled} certificate (already held)",
        0,
        proofs={ISO_CERT: 0},
        held=True,
    )


def iso_plan(
    answers: Answers,
    reference: ReferenceData,
    *,
    gap: float,
    start: int = 0,
    head_start_note: str = "",
) -> Plan:
    if Held.ISO_2022 in answers.existing:
        return _iso_cycle(answers, start)
    head_start = head_start_note
    if Held.ISO_2013 in answers.existing:
        gap = gap * ISO_2013_HEAD_START
        head_start = _joined(head_start, "the lapsed 2013 ISMS leaves 60 % of the work")
    build = _range(reference, "iso_implementation")
    prep = _prep_weeks(build, gap, capacity_factor(answers))
    phases = [Phase("iso_implementation", build.name, ISO, start, prep, "work")]
    cursor = start + prep
    steps = []
    for key, kind in (
        ("iso_internal_audit", "work"),
        ("iso_certification_audit", "audit"),
        ("iso_certificate_issue", "milestone"),
    ):
        item = _range(reference, key)
        steps.append(item)
        phases.append(Phase(key, item.name, ISO, cursor, item.typical, kind))
        cursor += item.typical
    fast, _, slow = _spread(prep, steps, start, build.low)
    return Plan(
        ISO,
        tuple(phases),
        f"{ISO.titled} certificate",
        cursor,
        proofs={ISO_CERT: cursor},
        proofs_fast={ISO_CERT: fast},
        proofs_slow={ISO_CERT: slow},
        gap=round(gap, 3),
        head_start=head_start,
    )


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def plan_for(
    framework: str,
    answers: Answers,
    reference: ReferenceData,
    *,
    gap: float,
    rules: dict[str, float],
    start: int = 0,
    deadline_week: float | None = None,
    type1_accepted: bool = True,
    head_start_note: str = "",
    window: int | None = None,
) -> Plan:
    if framework == SOC2:
        return soc2_plan(
            answers,
            reference,
            gap=gap,
            rules=rules,
            start=start,
            deadline_week=deadline_week,
            type1_accepted=type1_accepted,
            head_start_note=head_start_note,
            window=window,
        )
    return iso_plan(answers, reference, gap=gap, start=start, head_start_note=head_start_note)
