"""Routes to the proofs: one framework's plan and cost, both frameworks alongside or in
sequence against each year's budget, and whether a route meets the dates buyers gave."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from assessments.engine.answers import Answers
from assessments.engine.codes import Approach, Held, Verdict
from assessments.engine.costs import (
    FIT,
    CostLine,
    OptionCost,
    builder_for,
    holds_other,
    one_firm_lines,
    option_cost,
    shared_lines,
    staff_lines,
)
from assessments.engine.decision import Decision
from assessments.engine.obligations import EITHER, Obligation
from assessments.engine.overlap import Overlap
from assessments.engine.pricing import Pricing
from assessments.engine.readiness import Readiness
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2, ReferenceData, SchemeInfo
from assessments.engine.scheme_plans import Base, Demand, base_for, scheme_lines, scheme_plan
from assessments.engine.timeline import NEXT_BUDGET_YEAR_WEEKS, Plan, Range, plan_for

PARALLEL, SEQUENTIAL = "parallel", "sequential"
BUDGET_YEAR_STARTS = (NEXT_BUDGET_YEAR_WEEKS, 2 * NEXT_BUDGET_YEAR_WEEKS)


@dataclass(frozen=True)
class OptionSummary:
    option: str
    plans: tuple[Plan, ...]
    first_proof_week: int
    end_week: int
    meets_deadline: bool | None
    cost: OptionCost
    mode: str = ""
    first_proof_range: Range | None = None  # fast, typical and slow weeks (engine 2.1)
    # The demanded schemes' routes alongside these frameworks; their cost is in `cost` (2.2).
    scheme_plans: tuple[Plan, ...] = ()


@dataclass(frozen=True)
class Routes:
    """What every plan and cost in one evaluation is built from."""

    answers: Answers
    reference: ReferenceData
    readiness: Readiness
    overlap: Overlap
    obligations: tuple[Obligation, ...]
    rules: dict[str, float]
    rate: float
    demands: tuple[Demand, ...] = ()  # other schemes a buyer or tender demands (engine 2.2)
    held_schemes: frozenset[str] = frozenset()

    def soc2_terms(self) -> tuple[float | None, bool]:
        """The deadline a SOC 2 route must meet, and whether a Type I would be accepted."""
        relevant = [o for o in self.obligations if o.framework in (SOC2, EITHER)]
        dates = [o.deadline for o in relevant if o.deadline]
        deadline = self.answers.weeks_until(min(dates)) if dates else None
        return deadline, not any(o.type2_only for o in relevant)

    def plan(
        self,
        framework: str,
        *,
        start: int = 0,
        gap: float | None = None,
        head_start: str = "",
        window: int | None = None,
    ) -> Plan:
        deadline, type1 = self.soc2_terms()
        if gap is None:
            gap, head_start = self.gap(framework)
        return plan_for(
            framework,
            self.answers,
            self.reference,
            gap=gap,
            rules=self.rules,
            start=start,
            deadline_week=deadline if framework == SOC2 else None,
            type1_accepted=type1,
            head_start_note=head_start,
            **({"window": window} if window else {}),
        )

    def gap(self, framework: str) -> tuple[float, str]:
        """The work still to do for one framework alone: less what the other framework, when it
        is already held, covers through shared controls."""
        gap = self.readiness.gap_share[framework]
        if not holds_other(self.answers, framework):
            return gap, ""
        covered = self.overlap.covered(target=framework)
        return gap * (1 - covered), f"{round(covered * 100)} % covered by what you hold"

    @cached_property
    def pricing(self) -> Pricing:
        """One per evaluation (and per changed copy): it keeps the figures it has looked up."""
        return Pricing(self.answers, self.reference, self.rate)

    def cost(
        self, option: str, plans: tuple[Plan, ...], scheme_plans: tuple[Plan, ...] = ()
    ) -> OptionCost:
        pricing = self.pricing
        lines = self._framework_lines(pricing, plans)
        schemes = {s.key: s for s in self.reference.schemes}
        for plan in scheme_plans:
            lines += scheme_lines(pricing, schemes[plan.framework], plan)
        lines += staff_lines(pricing, plans + scheme_plans)
        return option_cost(option, self.answers, lines)

    def _framework_lines(self, pricing: Pricing, plans: tuple[Plan, ...]) -> list[CostLine | None]:
        lines: list[CostLine | None] = []
        for plan in plans:
            lines += builder_for(plan.framework)(pricing, plan)
        if len(plans) == 2:
            lines = one_firm_lines(pricing, lines, plans[1].framework)
        if plans:  # the yearly pen test and platform serve SOC 2 and ISO 27001
            start = min((p.phases[0].start for p in plans if p.phases), default=0)
            lines += shared_lines(pricing, start)
        return lines

    def scheme_route(self, option: str, plans: tuple[Plan, ...]) -> tuple[Plan, ...]:
        """The demanded schemes beside these frameworks, in order: each after what it builds
        on, and one with no date moved to a later budget year when that is what keeps every
        year within budget (staff time is never held against the budget, so it is left out)."""
        schemes = {s.key: s for s in self.reference.schemes}
        names = {SOC2: SOC2.label, ISO: ISO.label} | {k: s.name for k, s in schemes.items()}
        held = {Held.SOC2_TYPE2: SOC2, Held.ISO_2022: ISO}
        held_frameworks = frozenset(f for h, f in held.items() if h in self.answers.existing)
        pricing = self.pricing
        cash = self._framework_lines(pricing, plans)
        placed: dict[str, Plan] = {}
        for demand in self.demands:
            scheme = schemes[demand.key]
            kept = demand.key in self.held_schemes
            base = base_for(
                scheme,
                names=names,
                routes={p.framework: p for p in plans} | placed,
                held=self.held_schemes,
                held_frameworks=held_frameworks,
            )
            base = self._sooner_alone(scheme, base, demand)
            starts = [0] if kept or demand.deadline else [0, *BUDGET_YEAR_STARTS]
            chosen = None
            for start in starts:
                plan = scheme_plan(scheme, self.answers, start=start, base=base, held=kept)
                if plan is None or len(starts) == 1:
                    chosen = plan
                    break
                trial = option_cost(
                    option, self.answers, cash + scheme_lines(pricing, scheme, plan)
                )
                if all(f == FIT for f in trial.year_fits):
                    chosen = plan
                    break
            else:  # no year fits either way: start now, and the report shows the gap
                chosen = scheme_plan(scheme, self.answers, base=base)
            if chosen is not None:
                placed[demand.key] = chosen
                cash += scheme_lines(pricing, scheme, chosen)
        return tuple(placed.values())

    def _sooner_alone(self, scheme: SchemeInfo, base: Base | None, demand: Demand) -> Base | None:
        """Dates first: a scheme waits for the framework it builds on (and takes its head start)
        unless that misses the buyer's date and doing it on its own would meet it."""
        if base is None or base.ready is None or demand.deadline is None:
            return base
        if scheme.planning is None or scheme.planning.prerequisite:
            return base
        weeks = self.answers.weeks_until(demand.deadline)
        after = scheme_plan(scheme, self.answers, base=base)
        alone = scheme_plan(scheme, self.answers)
        if after and alone and after.first_proof_week > weeks >= alone.first_proof_week:
            return None
        return base

    def summary(self, option: str, plans: tuple[Plan, ...], mode: str = "") -> OptionSummary:
        schemes = self.scheme_route(option, plans) if self.demands else ()
        every = plans + schemes
        first = min(plans or every, key=lambda p: p.first_proof_week) if every else None
        return OptionSummary(
            option=option,
            plans=plans,
            first_proof_week=first.first_proof_week if first else 0,
            end_week=max((p.end for p in every), default=0),
            meets_deadline=_meets(self.answers, self.obligations, plans),
            cost=self.cost(option, plans, schemes),
            mode=mode,
            first_proof_range=first.first_proof_range if first else None,
            scheme_plans=schemes,
        )

    def both_routes(self, order: tuple[str, str]) -> list[OptionSummary]:
        """Both frameworks: the second alongside the first (when the team can carry two), or
        from the next budget year, or the one after."""
        first_plan = self.plan(order[0])
        second, covered = order[1], self.overlap.covered(target=order[1])
        remaining = self.readiness.gap_share[second] * (1 - covered)
        head_start = f"{round(covered * 100)} % covered by the shared controls of the first"
        enough_people = self.answers.internal_people >= self.rules["parallel_min_people"]
        starts = [(PARALLEL, first_plan.work_done)] if enough_people or first_plan.held else []
        starts += [
            (SEQUENTIAL, max(year, first_plan.first_proof_week))
            for year in (NEXT_BUDGET_YEAR_WEEKS, 2 * NEXT_BUDGET_YEAR_WEEKS)
        ]
        return [
            self.summary(
                Verdict.BOTH,
                (first_plan, self.plan(second, start=start, gap=remaining, head_start=head_start)),
                mode,
            )
            for mode, start in starts
        ]

    def both(self, order: tuple[str, str]) -> OptionSummary:
        """The first route whose every year fits its budget; never alongside when a year would
        cost more than its budget. When none fits, the second waits for the next budget year
        and the report shows the gap and the cheapest route."""
        routes = self.both_routes(order)
        fitting = [r for r in routes if all(f == FIT for f in r.cost.year_fits)]
        return fitting[0] if fitting else next(r for r in routes if r.mode == SEQUENTIAL)


def _meets(
    answers: Answers, obligations: tuple[Obligation, ...], plans: tuple[Plan, ...]
) -> bool | None:
    """Whether these plans deliver, by each deadline, a proof that obligation accepts."""
    dated = [(o, o.deadline) for o in obligations if o.deadline]
    if not dated:
        return None
    for o, deadline in dated:
        weeks = answers.weeks_until(deadline)
        accepted = set(o.accepts())
        if not any(w <= weeks for p in plans for proof, w in p.proofs.items() if proof in accepted):
            return False
    return True


def alongside_would_meet(
    ctx: Routes, verdict: str, chosen: OptionSummary | None, order: tuple[str, str]
) -> OptionSummary | None:
    """The alongside route, when budget put the second framework off and so missed a date
    that running both together would have met."""
    if chosen is None or verdict != Verdict.BOTH or chosen.mode != SEQUENTIAL:
        return None
    if chosen.meets_deadline is not False:
        return None
    alongside = next((r for r in ctx.both_routes(order) if r.mode == PARALLEL), None)
    return alongside if alongside and alongside.meets_deadline else None


def cheapest_route(ctx: Routes, verdict: str, chosen: OptionSummary) -> OptionCost:
    """The same frameworks with the preparation done in-house and no estimates counted: the
    least money that still meets what is demanded."""
    frugal = replace(
        ctx, answers=replace(ctx.answers, approach=Approach.IN_HOUSE, include_estimates=False)
    )
    if verdict == Verdict.BOTH:
        first, second = chosen.plans
        return frugal.both((first.framework, second.framework)).cost
    if verdict not in FRAMEWORKS:  # the demanded schemes alone
        return frugal.summary(verdict, ()).cost
    return frugal.summary(verdict, (frugal.plan(verdict),)).cost


def both_order_for(
    decision: Decision,
    obligations: tuple[Obligation, ...],
    assigned: tuple[str, ...],
    points: dict[str, int],
    answers: Answers,
) -> tuple[str, str]:
    if len(decision.frameworks) == 2:
        first, second = decision.frameworks
        return first, second
    ranked = sorted(
        zip(obligations, assigned, strict=True), key=lambda pair: pair[0].rank(points, pair[1])
    )
    first = ranked[0][1] if ranked else max(FRAMEWORKS, key=lambda f: points[f])
    return first, ISO if first == SOC2 else SOC2


@dataclass(frozen=True)
class WindowChoice:
    """A shorter Type II window that would meet a date the default window misses."""

    months: int
    default_months: int
    proof_week: int
    deadline_weeks: int


def window_choice(ctx: Routes, chosen: OptionSummary | None) -> WindowChoice | None:
    """When the window Certpath chose (not the buyer, not the user) makes the Type II late, and
    the shortest usual window would meet the date: the choice to discuss with the buyer."""
    if chosen is None or ctx.answers.soc2_window_months or chosen.meets_deadline is not False:
        return None
    soc2 = next((p for p in chosen.plans if p.framework == SOC2 and not p.held), None)
    deadline, _ = ctx.soc2_terms()
    if soc2 is None or deadline is None or soc2.proofs.get("soc2_type2", 0) <= deadline:
        return None
    default = int(ctx.rules["type2_window_default_months"])
    window = next((p for p in soc2.phases if p.key == "soc2_window"), None)
    if window is None or f"{default} months" in window.name:
        return None
    start = soc2.phases[0].start
    shorter = ctx.plan(SOC2, start=start, gap=soc2.gap, head_start=soc2.head_start, window=default)
    week = shorter.proofs["soc2_type2"]
    if week > deadline:
        return None
    current = int(ctx.rules["type2_window_regulated_months"])
    return WindowChoice(default, current, week, round(deadline))
