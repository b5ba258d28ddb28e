"""The recommendation: answers + reference data in, one Result out. Pure and deterministic."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from .advice import Suggestion, Warning, next_steps, tsc_suggestions, warnings_collect
from .answers import Answers
from .costs import (
    OptionCost,
    iso_lines,
    option_cost,
    platform_lines,
    shared_discount_lines,
    soc2_lines,
)
from .overlap import Overlap, overlap_compute
from .readiness import Readiness, readiness_assess
from .reference import FRAMEWORKS, ISO, SOC2, AspectInfo, ReferenceData
from .schemes import SchemeMatch, schemes_match
from .scoring import Reason, Signals, reasons_collect, scores_compute
from .timeline import NEXT_BUDGET_YEAR_WEEKS, Phase, Plan, fastest_first_proof, plan_for

ENGINE_VERSION = "1.0"
BOTH_THRESHOLD = 40  # both frameworks must pull at least this hard to recommend both
PARALLEL, SEQUENTIAL = "parallel", "sequential"


@dataclass(frozen=True)
class OptionSummary:
    option: str
    plans: tuple[Plan, ...]
    first_proof_week: int
    end_week: int
    meets_deadline: bool | None
    cost: OptionCost
    mode: str = ""


@dataclass(frozen=True)
class Result:
    engine_version: str
    reference_version: str
    assessed_on: date
    verdict: str
    order: tuple[str, ...]
    headline: str
    mode: str
    scores: dict[str, int]
    raw_points: dict[str, int]
    confidence: str
    confidence_note: str
    reasons: tuple[Reason, ...]
    options: dict[str, OptionSummary]
    readiness: Readiness
    overlap: Overlap
    warnings: tuple[Warning, ...]
    next_steps: tuple[str, ...]
    tsc_scope: tuple[Suggestion, ...]
    comparison: tuple[AspectInfo, ...]
    schemes: tuple[SchemeMatch, ...] = ()

    def to_dict(self) -> dict:
        return _jsonable(asdict(self))


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _verdict(scores: dict[str, int], answers: Answers) -> str:
    s, i = scores[SOC2], scores[ISO]
    if s >= BOTH_THRESHOLD and i >= BOTH_THRESHOLD:
        return "both"
    if s != i:
        return SOC2 if s > i else ISO
    return SOC2 if "north_america" in answers.customer_regions else ISO


def _order(verdict: str, scores: dict[str, int], answers: Answers, tight: bool):
    if verdict != "both":
        return (verdict,)
    held = [
        f
        for f, kinds in ((SOC2, ("soc2_type2",)), (ISO, ("iso27001_2022",)))
        if set(kinds) & set(answers.existing)
    ]
    if len(held) == 1:
        first = held[0]
    elif tight:
        first = SOC2
    elif scores[SOC2] != scores[ISO]:
        first = SOC2 if scores[SOC2] > scores[ISO] else ISO
    else:
        first = SOC2 if "north_america" in answers.customer_regions else ISO
    return (first, ISO if first == SOC2 else SOC2)


def _confidence(verdict: str, scores: dict[str, int], answers: Answers) -> tuple[str, str]:
    level, note = _confidence_from_scores(verdict, scores)
    asked = {SOC2, ISO, "either"} & (set(answers.requests) | set(answers.tender_requirements))
    if not asked and level == "high":
        return "medium", note + " No customer or tender has asked for either yet, though."
    return level, note


def _confidence_from_scores(verdict: str, scores: dict[str, int]) -> tuple[str, str]:
    s, i = scores[SOC2], scores[ISO]
    if verdict == "both":
        weaker = min(s, i)
        level = "high" if weaker >= 60 else "medium"
        return (
            level,
            f"Both frameworks score {BOTH_THRESHOLD} or more (the weaker scores {weaker}).",
        )
    margin, strength = abs(s - i), max(s, i)
    if strength < 20:
        return "low", "Few of your answers point either way; revisit once customers start asking."
    if margin >= 30:
        return "high", f"The scores are {margin} points apart."
    if margin >= 12:
        return "medium", f"The scores are {margin} points apart."
    return "low", f"The scores are only {margin} points apart; small changes could flip it."


def _plans(option, order, answers, reference, readiness, overlap, mode) -> tuple[Plan, ...]:
    gaps = readiness.gap_share
    if option != "both":
        return (plan_for(option, answers, reference, gap=gaps[option]),)
    first, second = order
    first_plan = plan_for(first, answers, reference, gap=gaps[first])
    if mode == PARALLEL:
        # The second starts once the first's own preparation is done; if the first is
        # already held there is nothing to wait for.
        work = [p for p in first_plan.phases if p.kind == "work"]
        start = work[0].end if work else 0
    else:
        start = max(NEXT_BUDGET_YEAR_WEEKS, first_plan.first_proof_week)
    remaining = gaps[second] * (1 - overlap.covered(target=second))
    return first_plan, plan_for(second, answers, reference, gap=remaining, start=start)


def _cost(option, plans, answers, reference, readiness, overlap, rate) -> OptionCost:
    lines = []
    for plan in plans:
        gap = readiness.gap_share[plan.framework]
        builder = soc2_lines if plan.framework == SOC2 else iso_lines
        lines += builder(answers, reference, plan, gap, rate)
    if option == "both":
        second = plans[1].framework
        lines = shared_discount_lines(lines, second, overlap.covered(target=second))
    lines += platform_lines(answers, reference, plans[0].phases[0].start if plans else 0, rate)
    return option_cost(option, answers, lines, rate)


def _summary(option, plans, answers, cost, mode="") -> OptionSummary:
    first_proof = min(p.first_proof_week for p in plans)
    weeks = answers.weeks_to_deadline()
    return OptionSummary(
        option=option,
        plans=plans,
        first_proof_week=first_proof,
        end_week=max(p.end for p in plans),
        meets_deadline=None if weeks is None else first_proof <= weeks,
        cost=cost,
        mode=mode,
    )


def _headline(verdict: str, order: tuple[str, ...], options, mode: str) -> str:
    names = {SOC2: "SOC 2", ISO: "ISO 27001"}
    steps = []
    for plan in options[verdict].plans:
        if plan.framework == SOC2 and plan.uses_type1:
            steps += ["SOC 2 Type I", "SOC 2 Type II"]
        elif plan.framework == SOC2:
            steps.append("SOC 2 Type II")
        else:
            steps.append("ISO 27001:2022")
    text = " → ".join(steps)
    if verdict == "both":
        when = "alongside" if mode == PARALLEL else "in the following budget year"
        return f"{text}: start with {names[order[0]]}, add {names[order[1]]} {when}"
    return text


def evaluate(answers: Answers, reference: ReferenceData) -> Result:
    readiness = readiness_assess(answers, reference)
    overlap = overlap_compute(reference)
    fastest = fastest_first_proof(answers, reference, readiness.gap_share)
    signals = Signals(readiness=readiness.percent, fastest_first_proof_weeks=fastest)
    reasons = reasons_collect(answers, reference, signals)
    scores, raw = scores_compute(reasons)
    verdict = _verdict(scores, answers)
    tight = any(r.factor == "tight_deadline" for r in reasons)
    # Uncapped points set the order: when both hit 100, the stronger pull still goes first.
    both_order = _order("both", raw, answers, tight)
    order = _order(verdict, raw, answers, tight)
    rate = reference.rates.get(answers.currency, 1.0)

    options: dict[str, OptionSummary] = {}
    for option in FRAMEWORKS:
        plans = _plans(option, (option,), answers, reference, readiness, overlap, "")
        cost = _cost(option, plans, answers, reference, readiness, overlap, rate)
        options[option] = _summary(option, plans, answers, cost)
    # Both at once only when the first year's budget carries both; otherwise one, then the other.
    mode = PARALLEL
    plans = _plans("both", both_order, answers, reference, readiness, overlap, mode)
    cost = _cost("both", plans, answers, reference, readiness, overlap, rate)
    if answers.budget_amount < cost.by_year[0].typical:
        mode = SEQUENTIAL
        plans = _plans("both", both_order, answers, reference, readiness, overlap, mode)
        cost = _cost("both", plans, answers, reference, readiness, overlap, rate)
    options["both"] = _summary("both", plans, answers, cost, mode)

    confidence, confidence_note = _confidence(verdict, scores, answers)
    first_proof = {k: v.first_proof_week for k, v in options.items()}
    plan_by_framework = {p.framework: p for p in options[verdict].plans}
    return Result(
        engine_version=ENGINE_VERSION,
        reference_version=reference.version(),
        assessed_on=answers.assessed_on,
        verdict=verdict,
        order=order,
        headline=_headline(verdict, order, options, mode),
        mode=mode if verdict == "both" else "",
        scores=scores,
        raw_points=raw,
        confidence=confidence,
        confidence_note=confidence_note,
        reasons=reasons,
        options=options,
        readiness=readiness,
        overlap=overlap,
        warnings=warnings_collect(
            answers, {k: v.cost for k, v in options.items()}, first_proof, verdict
        ),
        next_steps=next_steps(answers, order, plan_by_framework, readiness, overlap.links),
        tsc_scope=tsc_suggestions(answers) if SOC2 in order else (),
        comparison=reference.aspects,
        schemes=schemes_match(answers=answers, schemes=reference.schemes),
    )


__all__ = ["ENGINE_VERSION", "Phase", "Result", "evaluate"]
