"""Each obligation against the plan: when the proof it names is in hand, and whether that is
before its deadline. A Type I counts only for SOC 2 and only when the buyer accepts one; an ISO
certificate has no stand-in, so for ISO the check also says what can be shown meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessments.engine.answers import Answers
from assessments.engine.obligations import PROOF_NAMES, Holding, Obligation
from assessments.engine.reference import ISO
from assessments.engine.timeline import ISO_CERT, SOC2_TYPE2, Plan

HELD, ON_TIME, AT_RISK, LATE, OPEN = "held", "on_time", "at_risk", "late", "open"


@dataclass(frozen=True)
class ObligationCheck:
    framework: str  # the framework that meets it
    asked: str  # soc2 | iso27001 | either
    sources: tuple[str, ...]
    deals: int
    deadline: date | None
    deadline_weeks: int | None
    proof: str  # soc2_type1 | soc2_type2 | iso27001
    proof_name: str
    proof_week: int
    status: str  # held | on_time | at_risk (only a fast programme meets it) | late | open
    proof_week_fast: int | None = None
    proof_week_slow: int | None = None
    interim: str = ""  # for an ISO deadline before the certificate: what can be shown by then


def iso_milestones(plan: Plan) -> list[tuple[int, str]]:
    """What a company on the way to its certificate can show, and from which week."""
    phase = {p.key: p for p in plan.phases}
    if "iso_implementation" not in phase:
        return []
    build = phase["iso_implementation"]
    audit = phase["iso_certification_audit"]
    return [
        (
            build.start + 2,
            "a signed engagement with an accredited certification body, with the audit dates",
        ),
        (
            build.start + round(build.weeks * 0.4),
            "the ISMS scope, the information security policy and the risk assessment",
        ),
        (
            build.end,
            "the Statement of Applicability and the risk treatment plan, with controls running",
        ),
        (phase["iso_internal_audit"].end, "the internal audit report and the management review"),
        (audit.start + 1, "the Stage 1 audit report"),
        (audit.end, "the Stage 2 result: the auditor's recommendation for certification"),
    ]


def _interim(plan: Plan, weeks: float) -> str:
    shown = [what for week, what in iso_milestones(plan) if week <= weeks]
    if not shown:
        return "nothing an auditor has seen yet; share your plan and the booked audit dates"
    return "; ".join(shown)


def obligations_check(
    *,
    answers: Answers,
    obligations: tuple[Obligation, ...],
    assigned: tuple[str, ...],
    plans: dict[str, Plan],
    holdings: tuple[Holding, ...],
) -> tuple[ObligationCheck, ...]:
    held = {p for h in holdings for p in h.proofs}
    checks = []
    for o, framework in zip(obligations, assigned, strict=True):
        plan = plans[framework]
        accepted = [p for p in o.accepts() if p in plan.proofs]
        # The soonest accepted proof; a Type II before a Type I of the same date.
        proof = min(accepted, key=lambda p: (plan.proofs[p], p != SOC2_TYPE2))
        spread = plan.proof_range(proof)
        week = spread.typical
        weeks = answers.weeks_until(o.deadline)
        if proof in held:
            status = HELD
        elif weeks is None:
            status = OPEN
        elif week <= weeks:
            status = ON_TIME
        else:
            status = AT_RISK if spread.low <= weeks else LATE
        interim = ""
        if (
            weeks is not None
            and status in (LATE, AT_RISK)
            and framework == ISO
            and proof == ISO_CERT
        ):
            interim = _interim(plan, weeks)
        checks.append(
            ObligationCheck(
                framework=framework,
                asked=o.framework,
                sources=o.sources,
                deals=o.deals,
                deadline=o.deadline,
                deadline_weeks=None if weeks is None else round(weeks),
                proof=proof,
                proof_name=PROOF_NAMES[proof],
                proof_week=week,
                status=status,
                interim=interim,
                proof_week_fast=spread.low,
                proof_week_slow=spread.high,
            )
        )
    return tuple(checks)
