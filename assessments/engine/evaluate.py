"""The recommendation: answers + reference data in, one Result out. Pure and deterministic.

Obligations decide what is in the plan and its order, holdings are kept, signals rank only
among equals (or decide alone when nothing is demanded), and every year of the plan is held
against that year's budget. `docs/decision-model.md` walks through it with an example."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.engine.advice import (
    Suggestion,
    next_steps,
    other_answers,
    tsc_suggestions,
    would_change,
)
from assessments.engine.answers import Answers
from assessments.engine.budget import BudgetCheck, budget_check
from assessments.engine.codes import Verdict
from assessments.engine.costs import FIT
from assessments.engine.deadlines import LATE, ObligationCheck, obligations_check
from assessments.engine.decision import KEEP, PlanItem, plan_decide, verdict_of
from assessments.engine.headline import confidence_assess, headline_compose, path_headline
from assessments.engine.obligations import (
    Holding,
    holdings_collect,
    obligations_collect,
    prerequisite_obligations,
)
from assessments.engine.overlap import Overlap, overlap_compute
from assessments.engine.readiness import Readiness, readiness_assess
from assessments.engine.reference import FRAMEWORKS, SOC2, ReferenceData
from assessments.engine.routes import (
    OptionSummary,
    Routes,
    WindowChoice,
    alongside_would_meet,
    both_order_for,
    cheapest_route,
    window_choice,
)
from assessments.engine.scheme_plans import demands_collect, schemes_held
from assessments.engine.scheme_verdict import (
    path_order,
    scheme_checks,
    scheme_concerns,
    scheme_items,
    scheme_warnings,
    unknown_words,
)
from assessments.engine.schemes import SchemeMatch, schemes_match
from assessments.engine.scoring import Reason, Signals, reasons_collect, scores_compute
from assessments.engine.serial import Json, fields_to_json, from_json
from assessments.engine.timeline import Phase, Plan
from assessments.engine.warnings import Warning, warnings_collect

ENGINE_VERSION = "2.2"


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
    window_choice: WindowChoice | None = None  # engine 2.1
    # Engine 2.2: the whole path in order (frameworks and demanded schemes), and the schemes'
    # own routes; `plan` and `obligations` hold the schemes under their keys.
    path: tuple[str, ...] = ()
    scheme_plans: tuple[Plan, ...] = ()

    def to_dict(self) -> dict[str, Json]:
        """The JSON the assessment saves: fields at their default are left out."""
        return fields_to_json(self, compact=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The typed result back from its saved JSON."""
        return from_json(cls, data)


def evaluate(answers: Answers, reference: ReferenceData) -> Result:
    readiness = readiness_assess(answers, reference)
    reasons = reasons_collect(answers, reference, Signals(readiness=readiness.percent))
    scores, points = scores_compute(reasons)
    schemes = {s.key: s for s in reference.schemes}
    demands = demands_collect(answers, reference.schemes)
    held_schemes = schemes_held(answers, reference.schemes)
    holdings = holdings_collect(answers)
    obligations = obligations_collect(answers)
    obligations += prerequisite_obligations(obligations, holdings, demands, schemes)
    ctx = Routes(
        answers,
        reference,
        readiness,
        overlap_compute(reference),
        obligations,
        reference.rules_all(),
        reference.rates.get(answers.currency, 1.0),
        demands,
        held_schemes,
    )
    options: dict[str, OptionSummary] = {f: ctx.summary(f, (ctx.plan(f),)) for f in FRAMEWORKS}
    decision = plan_decide(
        answers=answers,
        obligations=obligations,
        holdings=holdings,
        points=points,
        proof_weeks={f: options[f].plans[0].proofs for f in FRAMEWORKS},
        rules=ctx.rules,
        affordable=lambda f: all(fit == FIT for fit in options[f].cost.year_fits),
    )
    both_order = both_order_for(decision, obligations, decision.assigned, points, answers)
    options[Verdict.BOTH] = ctx.both(both_order)
    verdict = verdict_of(decision)
    chosen = options.get(verdict)
    if chosen is None and demands:  # no SOC 2 or ISO 27001 yet, but a demanded scheme
        chosen = options[verdict] = ctx.summary(verdict, ())
    plans = {p.framework: p for p in chosen.plans} if chosen else {}
    if chosen is not None and verdict in FRAMEWORKS:  # one framework's plan, for the checks below
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
        cheapest = cheapest_route(ctx, verdict, chosen)
    budget = budget_check(answers=answers, cost=chosen.cost if chosen else None, cheapest=cheapest)
    mode = chosen.mode if chosen and verdict == Verdict.BOTH and decision.adds else ""
    on_path = {p.framework: p for p in chosen.scheme_plans} if chosen else {}
    added = scheme_items(demands, schemes, held_schemes)
    demanded = scheme_checks(answers=answers, demands=demands, schemes=schemes, plans=on_path)
    path = path_order(decision.items, plans, added, on_path)
    confidence, note = confidence_assess(
        answers=answers,
        decision=decision,
        obligations=obligations,
        checks=checks,
        budget=budget,
        plans=tuple(plans.values()),
        points=points,
        rules=ctx.rules,
        scheme_checks=demanded,
        scheme_concerns=scheme_concerns(demanded, on_path, schemes),
    )
    order = tuple(i.framework for i in decision.items if i.action == KEEP) + decision.adds
    return Result(
        engine_version=ENGINE_VERSION,
        reference_version=reference.version(),
        assessed_on=answers.assessed_on,
        verdict=verdict,
        order=order,
        headline=path_headline(
            base=headline_compose(decision=decision, plans=plans, mode=mode),
            decision=decision,
            plans=plans,
            items=added,
            path=path,
            schemes=schemes,
        ),
        mode=mode,
        plan=decision.items + added,
        obligations=checks + demanded,
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
            reference=reference,
        )
        + tuple(
            scheme_warnings(
                checks=demanded,
                plans=on_path,
                schemes=schemes,
                demands=demands,
                cost=chosen.cost if chosen else None,
                unknown=unknown_words(answers, reference.schemes),
            )
        ),
        next_steps=next_steps(
            answers=answers,
            decision=decision,
            plans=plans,
            readiness=readiness,
            shared_links=ctx.overlap.links,
            reference=reference,
        ),
        tsc_scope=tsc_suggestions(answers) if SOC2 in order else (),
        would_change=would_change(
            answers=answers,
            decision=decision,
            options=options,
            obligations=obligations,
            alongside=alongside_would_meet(ctx, verdict, chosen, both_order),
        ),
        other_answers=other_answers(answers),
        not_yet=decision.not_yet,
        schemes=schemes_match(
            answers=answers,
            schemes=reference.schemes,
            demanded={d.key: d.words if d.how == "text" else "" for d in demands if d.demanded},
        ),
        window_choice=window_choice(ctx, chosen),
        path=path,
        scheme_plans=chosen.scheme_plans if chosen else (),
    )


__all__ = ["ENGINE_VERSION", "LATE", "Phase", "Result", "evaluate"]
