"""From obligations, holdings and signals to the plan: which frameworks, and in what order.

1. Every obligation is in the plan. A framework the company already holds is kept, never
   recommended as new; a Type I leads on to Type II and a lapsed 2013 certificate to 2022.
2. Obligations not yet met go in order: the earliest deadline first, then the most deals at
   stake. Signals only break a tie, and choose the framework for a tender that takes either.
3. With no obligation at all, signals may start one framework (never both), but not for a small
   or early company, on weak signals, or when it would not fit the budget: then "not yet"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assessments.engine.answers import Answers
from assessments.engine.codes import Maturity, Region, SizeBand, Verdict
from assessments.engine.obligations import EITHER, Holding, Obligation
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2

KEEP, UPGRADE, ADD = "keep", "upgrade", "add"
OBLIGATION, HOLDING, SIGNALS = "obligation", "holding", "signals"
# Why signals alone did not start an audit.
SMALL, EARLY, WEAK, UNAFFORDABLE = "small", "early", "weak_signals", "budget"


@dataclass(frozen=True)
class PlanItem:
    framework: str
    action: str  # keep | upgrade | add
    basis: str  # obligation | holding | signals


@dataclass(frozen=True)
class Decision:
    items: tuple[PlanItem, ...]
    # The framework that meets each obligation, in the obligations' order.
    assigned: tuple[str, ...]
    not_yet: tuple[str, ...] = ()  # why signals alone did not start an audit
    candidate: str = ""  # the framework signals point to, started or not
    close_call: bool = False  # signals chose between the two by a small margin

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(item.framework for item in self.items)

    @property
    def adds(self) -> tuple[str, ...]:
        return tuple(item.framework for item in self.items if item.action != KEEP)


def _tiebreak(framework: str, answers: Answers) -> tuple[bool]:
    home = SOC2 if Region.NORTH_AMERICA in answers.markets() else ISO
    return (framework == home,)


def _either_framework(
    obligation: Obligation,
    *,
    answers: Answers,
    holdings: tuple[Holding, ...],
    proof_weeks: dict[str, dict[str, int]],
    points: dict[str, int],
) -> str:
    accepted = set(obligation.accepts())
    held = [h.framework for h in holdings if accepted & set(h.proofs)]
    if held:
        return max(held, key=lambda f: (points[f], _tiebreak(f, answers)))
    soonest = {
        f: min((w for p, w in proof_weeks[f].items() if p in accepted), default=10**6)
        for f in FRAMEWORKS
    }
    weeks = answers.weeks_until(obligation.deadline)
    if weeks is not None:
        on_time = [f for f in FRAMEWORKS if soonest[f] <= weeks]
        if len(on_time) == 1:
            return on_time[0]
    return max(FRAMEWORKS, key=lambda f: (points[f], -soonest[f], _tiebreak(f, answers)))


def _signals_choice(
    *,
    answers: Answers,
    points: dict[str, int],
    taken: set[str],
    rules: dict[str, float],
    affordable: Callable[[str], bool],
) -> tuple[str, tuple[str, ...], bool]:
    candidates = [f for f in FRAMEWORKS if f not in taken]
    if not candidates:
        return "", (), False
    best = max(candidates, key=lambda f: (points[f], _tiebreak(f, answers)))
    others = [points[f] for f in FRAMEWORKS if f != best]
    close = bool(others) and points[best] - max(others) < rules["signals_close_margin"]
    reasons = []
    if SizeBand(answers.headcount).people_max <= rules["not_yet_max_headcount"]:
        reasons.append(SMALL)
    if Maturity(answers.maturity).level <= rules["not_yet_max_maturity"]:
        reasons.append(EARLY)
    if points[best] < rules["signals_min_points"]:
        reasons.append(WEAK)
    if not affordable(best):
        reasons.append(UNAFFORDABLE)
    return best, tuple(reasons), close


def plan_decide(
    *,
    answers: Answers,
    obligations: tuple[Obligation, ...],
    holdings: tuple[Holding, ...],
    points: dict[str, int],
    proof_weeks: dict[str, dict[str, int]],
    rules: dict[str, float],
    affordable: Callable[[str], bool],
) -> Decision:
    assigned = tuple(
        o.framework
        if o.framework != EITHER
        else _either_framework(
            o, answers=answers, holdings=holdings, proof_weeks=proof_weeks, points=points
        )
        for o in obligations
    )
    held_by = {h.framework: h for h in holdings}
    open_needs = sorted(
        (
            (o, f)
            for o, f in zip(obligations, assigned, strict=True)
            if not set(o.accepts()) & set(held_by[f].proofs if f in held_by else ())
        ),
        key=lambda pair: pair[0].rank(points, pair[1]),
    )
    items = [
        PlanItem(h.framework, KEEP, OBLIGATION if h.framework in assigned else HOLDING)
        for h in holdings
        if h.kept
    ]
    for _, framework in open_needs:
        if framework not in {i.framework for i in items}:
            action = UPGRADE if framework in held_by else ADD
            items.append(PlanItem(framework, action, OBLIGATION))
    for h in holdings:
        if not h.kept and h.framework not in {i.framework for i in items}:
            items.append(PlanItem(h.framework, UPGRADE, HOLDING))
    if obligations:
        return Decision(tuple(items), assigned)
    best, reasons, close = _signals_choice(
        answers=answers,
        points=points,
        taken={i.framework for i in items},
        rules=rules,
        affordable=affordable,
    )
    if best and not reasons:
        items.append(PlanItem(best, ADD, SIGNALS))
    return Decision(tuple(items), assigned, reasons, best, close)


def verdict_of(decision: Decision) -> str:
    frameworks = set(decision.frameworks)
    if not frameworks:
        return Verdict.NOT_YET
    if frameworks == set(FRAMEWORKS):
        return Verdict.BOTH
    return frameworks.pop()
