"""The recommendation: answers + reference data in, one Result out. Pure and deterministic.

Obligations decide what is in the plan and its order, holdings are kept, signals rank only
among equals (or decide alone when nothing is demanded), and every year of the plan is held
against that year's budget. `docs/decision-model.md` walks through it with an example."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .advice import (
    Suggestion,
    Warning,
    next_steps,
    other_answers,
    tsc_suggestions,
    warnings_collect,
    would_change,
)
from .answers import Answers
from .budget import BudgetCheck, budget_check
from .costs import FIT, OptionCost, builder_for, option_cost, shared_discount_lines, shared_lines
from .deadlines import LATE, ObligationCheck, obligations_check
from .decision import KEEP, PlanItem, plan_decide, verdict_of
from .headline import confidence_assess, headline_compose
from .obligations import EITHER, Holding, Obligation, holdings_collect, obligations_collect
from .overlap import Overlap, overlap_compute
from .readiness import Readiness, readiness_assess
from .reference import FRAMEWORKS, ISO, SOC2, ReferenceData
from .schemes import SchemeMatch, schemes_match
from .scoring import Reason, Signals, reasons_collect, scores_compute
from .serial import from_json, to_json
from .timeline import NEXT_BUDGET_YEAR_WEEKS, Phase, Plan, plan_for

ENGINE_VERSION = "2.0"
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
    verdict: str  # soc2 | iso27001 | both | not_yet
    order: tuple[str, ...]  # the plan's frameworks: kept ones first, then additions in order
    headline: str
    mode: str
    plan: tuple[PlanItem, ...]
    obligations: tuple[ObligationCheck, ...]
    holdings: tuple[Holding, ...]
    budget: BudgetCheck
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
    would_change: tuple[str, ...] = ()
    other_answers: tuple[str, ...] = ()
    not_yet: tuple[str, ...] = ()
    schemes: tuple[SchemeMatch, ...] = ()

    def to_dict(self) -> dict:
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        """The typed result back from its saved JSON."""
        return from_json(cls, data)


@dataclass(frozen=True)
class _Context:
    """What every plan and cost in one evaluation is built from."""

    answers: Answers
    reference: ReferenceData
    readiness: Readiness
    overlap: Overlap
    obligations: tuple[Obligation, ...]
    rules: dict[str, float]
    rate: float

    def soc2_terms(self) -> tuple[float | None, bool]:
        """The deadline a SOC 2 route must meet, and whether a Type I would be accepted."""
        relevant = [o for o in self.obligations if o.framework in (SOC2, EITHER)]
        dates = [o.deadline for o in relevant if o.deadline]
        deadline = self.answers.weeks_until(min(dates)) if dates else None
        return deadline, not any(o.type2_only for o in relevant)

    def plan(self, framework: str, *, start: int = 0, gap: float | None = None) -> Plan:
        deadline, type1 = self.soc2_terms()
        return plan_for(
            framework,
            self.answers,
            self.reference,
            gap=self.readiness.gap_share[framework] if gap is None else gap,
            rules=self.rules,
            start=start,
            deadline_week=deadline if framework == SOC2 else None,
            type1_accepted=type1,
        )

    def cost(self, option: str, plans: tuple[Plan, ...]) -> OptionCost:
        lines = []
        for plan in plans:
            gap = self.readiness.gap_share[plan.framework]
            lines += builder_for(plan.framework)(self.answers, self.reference, plan, gap, self.rate)
        if len(plans) == 2:
            second = plans[1].framework
            lines = shared_discount_lines(lines, second, self.overlap.covered(target=second))
        start = min((p.phases[0].start for p in plans if p.phases), default=0)
        lines += shared_lines(self.answers, self.reference, start, self.rate)
        return option_cost(option, self.answers, lines)

    def summary(self, option: str, plans: tuple[Plan, ...], mode: str = "") -> OptionSummary:
        return OptionSummary(
            option=option,
            plans=plans,
            first_proof_week=min(p.first_proof_week for p in plans),
            end_week=max(p.end for p in plans),
            meets_deadline=_meets(self.answers, self.obligations, plans),
            cost=self.cost(option, plans),
            mode=mode,
        )

    def both_routes(self, order: tuple[str, str]) -> list[OptionSummary]:
        """Both frameworks: the second alongside the first (when the team can carry two), or
        from the next budget year, or the one after."""
        first_plan = self.plan(order[0])
        second, covered = order[1], self.overlap.covered(target=order[1])
        remaining = self.readiness.gap_share[second] * (1 - covered)
        enough_people = self.answers.internal_people >= self.rules["parallel_min_people"]
        starts = [(PARALLEL, first_plan.work_done)] if enough_people or first_plan.held else []
        starts += [
            (SEQUENTIAL, max(year, first_plan.first_proof_week))
            for year in (NEXT_BUDGET_YEAR_WEEKS, 2 * NEXT_BUDGET_YEAR_WEEKS)
        ]
        return [
            self.summary("both", (first_plan, self.plan(second, start=start, gap=remaining)), mode)
            for mode, start in starts
        ]

    def both(self, order: tuple[str, str]) -> OptionSummary:
        """The first route whose every year fits its budget; never alongside when a year would
        cost more than its budget. When none fits, the second waits for the next budget year
        and the report shows the gap and the cheapest route."""
        routes = self.both_routes(order)
        fitting = [r for r in routes if all(f == FIT for f in r.cost.year_fits)]
        return fitting[0] if fitting else next(r for r in routes if r.mode == SEQUENTIAL)


def _meets(answers: Answers, obligations: tuple[Obligation, ...], plans) -> bool | None:
    """Whether these plans deliver, by each deadline, a proof that obligation accepts."""
    dated = [o for o in obligations if o.deadline]
    if not dated:
        return None
    for o in dated:
        weeks = answers.weeks_until(o.deadline)
        accepted = set(o.accepts())
        if not any(w <= weeks for p in plans for proof, w in p.proofs.items() if proof in accepted):
            return False
    return True


def _alongside_would_meet(ctx, verdict, chosen, order) -> OptionSummary | None:
    """The alongside route, when budget put the second framework off and so missed a date
    that running both together would have met."""
    if verdict != "both" or chosen.mode != SEQUENTIAL or chosen.meets_deadline is not False:
        return None
    alongside = next((r for r in ctx.both_routes(order) if r.mode == PARALLEL), None)
    return alongside if alongside and alongside.meets_deadline else None


def _cheapest(ctx: _Context, verdict: str, chosen: OptionSummary) -> OptionCost:
    """The same frameworks with the preparation done in-house and no estimates counted: the
    least money that still meets what is demanded."""
    frugal = replace(
        ctx, answers=replace(ctx.answers, approach="in_house", include_estimates=False)
    )
    if verdict == "both":
        return frugal.both(tuple(p.framework for p in chosen.plans)).cost
    return frugal.summary(verdict, (frugal.plan(verdict),)).cost


def _both_order(decision, obligations, assigned, points, answers) -> tuple[str, str]:
    if len(decision.frameworks) == 2:
        return tuple(decision.frameworks)
    ranked = sorted(
        zip(obligations, assigned, strict=True), key=lambda pair: pair[0].rank(points, pair[1])
    )
    first = ranked[0][1] if ranked else max(FRAMEWORKS, key=lambda f: points[f])
    return first, ISO if first == SOC2 else SOC2


def evaluate(answers: Answers, reference: ReferenceData) -> Result:
    readiness = readiness_assess(answers, reference)
    reasons = reasons_collect(answers, reference, Signals(readiness=readiness.percent))
    scores, points = scores_compute(reasons)
    obligations = obligations_collect(answers)
    holdings = holdings_collect(answers)
    ctx = _Context(
        answers,
        reference,
        readiness,
        overlap_compute(reference),
        obligations,
        reference.rules_all(),
        reference.rates.get(answers.currency, 1.0),
    )
    options = {f: ctx.summary(f, (ctx.plan(f),)) for f in FRAMEWORKS}
    decision = plan_decide(
        answers=answers,
        obligations=obligations,
        holdings=holdings,
        points=points,
        proof_weeks={f: options[f].plans[0].proofs for f in FRAMEWORKS},
        rules=ctx.rules,
        affordable=lambda f: all(fit == FIT for fit in options[f].cost.year_fits),
    )
    both_order = _both_order(decision, obligations, decision.assigned, points, answers)
    options["both"] = ctx.both(both_order)
    verdict = verdict_of(decision)
    chosen = options.get(verdict)
    plans = {p.framework: p for p in chosen.plans} if chosen else {}
    if verdict in FRAMEWORKS:  # a single framework's plan, for the checks below
        plans = {verdict: chosen.plans[0]}
    checks = obligations_check(
        answers=answers,
        obligations=obligations,
        assigned=decision.assigned,
        plans={**{f: o.plans[0] for f, o in options.items() if f in FRAMEWORKS}, **plans},
        holdings=holdings,
    )
    cheapest = None
    if chosen and not all(f == FIT for f in chosen.cost.year_fits):
        cheapest = _cheapest(ctx, verdict, chosen)
    budget = budget_check(answers=answers, cost=chosen.cost if chosen else None, cheapest=cheapest)
    mode = chosen.mode if verdict == "both" and decision.adds else ""
    confidence, note = confidence_assess(
        answers=answers,
        decision=decision,
        obligations=obligations,
        checks=checks,
        budget=budget,
        plans=tuple(plans.values()),
        points=points,
        rules=ctx.rules,
    )
    order = tuple(i.framework for i in decision.items if i.action == KEEP) + decision.adds
    return Result(
        engine_version=ENGINE_VERSION,
        reference_version=reference.version(),
        assessed_on=answers.assessed_on,
        verdict=verdict,
        order=order,
        headline=headline_compose(decision=decision, plans=plans, mode=mode),
        mode=mode,
        plan=decision.items,
        obligations=checks,
        holdings=holdings,
        budget=budget,
        scores=scores,
        raw_points=points,
        confidence=confidence,
        confidence_note=note,
        reasons=reasons,
        options=options,
        readiness=readiness,
        overlap=ctx.overlap,
        warnings=warnings_collect(
            answers=answers,
            decision=decision,
            checks=checks,
            budget=budget,
            plans=plans,
            rules=ctx.rules,
            chosen=chosen,
        ),
        next_steps=next_steps(
            answers=answers,
            decision=decision,
            plans=plans,
            readiness=readiness,
            shared_links=ctx.overlap.links,
        ),
        tsc_scope=tsc_suggestions(answers) if SOC2 in order else (),
        would_change=would_change(
            answers=answers,
            decision=decision,
            options=options,
            obligations=obligations,
            alongside=_alongside_would_meet(ctx, verdict, chosen, both_order),
        ),
        other_answers=other_answers(answers),
        not_yet=decision.not_yet,
        schemes=schemes_match(answers=answers, schemes=reference.schemes),
    )


__all__ = ["ENGINE_VERSION", "LATE", "Phase", "Result", "evaluate"]
