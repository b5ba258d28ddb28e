"""The other schemes a buyer or a tender demands (PCI DSS, FedRAMP, Cyber Essentials Plus,
TISAX, C5 ...), planned like SOC 2 and ISO 27001: each in weeks and money, after what it builds
on, against its date and each year's budget.

A demand comes from the wizard's list of schemes (with its date and deals), or from words in the
"other" texts that name a scheme by one of its aliases. A scheme that must follow another (Cyber
Essentials Plus after Cyber Essentials) brings that one into the plan first. A law is never
obtained: it is in the plan as duties to meet, with no phases and no audit line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from assessments.engine.answers import Answers
from assessments.engine.costs import YEARS, CostLine, year_of
from assessments.engine.pricing import Pricing
from assessments.engine.reference import FRAMEWORKS, PhaseInfo, RangeInfo, SchemeInfo
from assessments.engine.reference_codes import PhaseKind, Recurrence
from assessments.engine.schemes import schemes_named
from assessments.engine.timeline import WEEKS_PER_MONTH, Phase, Plan, Range, capacity_factor

# Where a demand comes from: the list of schemes, the "another scheme" text, a tender's "other"
# text, or a demanded scheme that needs it first.
ANSWER, TEXT, TENDER_TEXT, PREREQUISITE = "answer", "text", "tender_text", "prerequisite"
PACES = ("low", "typical", "high")
MULTI_YEAR_WEEKS = 52  # a scheme whose typical programme runs longer is a multi-year effort


@dataclass(frozen=True)
class Demand:
    """A scheme in the plan: demanded by a buyer or a tender, or needed first by one that is."""

    key: str
    deals: int = 0
    deadline: date | None = None
    how: str = ANSWER  # answer | text | tender_text (named in words) | prerequisite
    words: str = ""  # the words that named it, when text did
    needed_by: str = ""  # for a prerequisite: the scheme that needs it

    def rank(self) -> tuple[date, int, str]:
        """Dates first, then deals, as for SOC 2 and ISO 27001."""
        return (self.deadline or date.max, -self.deals, self.key)

    @property
    def demanded(self) -> bool:
        return self.how != PREREQUISITE


def demands_collect(answers: Answers, schemes: tuple[SchemeInfo, ...]) -> tuple[Demand, ...]:
    """Every scheme the plan must deliver, in the order to deliver them: a prerequisite before
    the scheme that needs it, otherwise the soonest date and then the most deals first. A
    scheme held needs no prerequisite, and a prerequisite held is not planned again."""
    by_key = {s.key: s for s in schemes}
    held = schemes_held(answers, schemes)
    found: dict[str, Demand] = {}
    for key, wanted in answers.demanded_schemes.items():
        if key in by_key:
            found[key] = Demand(key, wanted.get("deals", 0), wanted.get("deadline"))
    for text, how in ((answers.tender_other, TENDER_TEXT), (answers.scheme_other, TEXT)):
        for key, words in schemes_named(text=text, schemes=schemes).items():
            found.setdefault(key, Demand(key, how=how, words=words))
    queue = list(found.values())
    while queue:
        demand = queue.pop()
        planning = by_key[demand.key].planning
        base = planning.builds_on if planning else ""
        if demand.key in held or base in held:
            continue
        if planning and planning.prerequisite and base in by_key and base not in found:
            found[base] = Demand(
                base, deadline=demand.deadline, how=PREREQUISITE, needed_by=demand.key
            )
            queue.append(found[base])
    return _dependency_order(sorted(found.values(), key=Demand.rank), by_key)


def _dependency_order(demands: list[Demand], by_key: dict[str, SchemeInfo]) -> tuple[Demand, ...]:
    """The ranked demands, each moved behind the scheme it builds on when that is planned too."""
    keys = {d.key for d in demands}
    ordered: list[Demand] = []
    waiting = list(demands)
    while waiting:
        for demand in waiting:
            planning = by_key[demand.key].planning
            base = planning.builds_on if planning else ""
            if base not in keys or base in {d.key for d in ordered}:
                ordered.append(demand)
                waiting.remove(demand)
                break
        else:  # a loop in the data: keep the rank order
            ordered += waiting
            break
    return tuple(ordered)


def schemes_held(answers: Answers, schemes: tuple[SchemeInfo, ...]) -> frozenset[str]:
    """The schemes the company says it holds, named in its own words, and what each of them
    could only be obtained on top of (Cyber Essentials Plus means Cyber Essentials too)."""
    by_key = {s.key: s for s in schemes}
    held = set(schemes_named(text=answers.existing_other, schemes=schemes))
    queue = list(held)
    while queue:
        planning = by_key[queue.pop()].planning
        base = planning.builds_on if planning and planning.prerequisite else ""
        if base in by_key and base not in held:
            held.add(base)
            queue.append(base)
    return frozenset(held)


@dataclass(frozen=True)
class Base:
    """Where a scheme's base stands in this route: the weeks from which its work carries over
    (for a fast, a typical and a slow programme), or None when nothing is to wait for."""

    name: str
    ready: Range | None  # None: held, nothing to wait for


def _weeks_at(weeks: PhaseInfo | Range, pace: str) -> int:
    """The weeks for one pace: low, typical or high."""
    return {"low": weeks.low, "typical": weeks.typical, "high": weeks.high}[pace]


def _work_weeks(phase: PhaseInfo, pace: str, capacity: float, carry: float) -> int:
    """A preparation phase, shrunk by what carries over and scaled by the team; a fast
    programme never gains from a slow team, nor a slow one from a fast team."""
    scale = {"low": min(capacity, 1.0), "typical": capacity, "high": max(capacity, 1.0)}[pace]
    return max(1, round(_weeks_at(phase, pace) * scale * (1 - carry)))


def scheme_plan(
    scheme: SchemeInfo,
    answers: Answers,
    *,
    start: int = 0,
    base: Base | None = None,
    held: bool = False,
) -> Plan | None:
    """One scheme's route in weeks; None for a law or a scheme with no planning data."""
    planning = scheme.planning
    if planning is None or scheme.is_law:
        return None
    if held:
        return Plan(
            scheme.key,
            (),
            f"{scheme.name} (already held)",
            0,
            proofs={scheme.key: 0},
            held=True,
        )
    carry = planning.carry_over / 100 if base else 0.0
    capacity = capacity_factor(answers)
    base_ready = base.ready if base else None
    layouts: dict[str, tuple[tuple[Phase, ...], int]] = {}
    for pace in PACES:
        # The week the base's work is ready, until this scheme's own steps have waited for it.
        waiting = None if base_ready is None else _weeks_at(base_ready, pace)
        week, phases = start, []
        for info in planning.phases:
            if info.kind == PhaseKind.WORK:
                weeks = _work_weeks(info, pace, capacity, carry)
            else:
                if waiting is not None:  # its own assessment waits for the base's work
                    week = max(week, waiting)
                    waiting = None
                weeks = _weeks_at(info, pace)
            phases.append(Phase(info.key, info.name, scheme.key, week, weeks, info.kind))
            week += weeks
        if waiting is not None:  # all preparation: its head start is only there once the base's is
            last = phases[-1]
            ready = max(week, waiting)
            phases[-1] = Phase(
                last.key, last.name, scheme.key, ready - last.weeks, last.weeks, last.kind
            )
            week = ready
        layouts[pace] = (tuple(phases), week)
    chosen, proof = layouts["typical"]
    fast = min(layouts["low"][1], proof)
    slow = max(layouts["high"][1], proof)
    head_start = f"{planning.carry_over} % carried over from {base.name}" if base and carry else ""
    return Plan(
        scheme.key,
        chosen,
        scheme.name,
        proof,
        proofs={scheme.key: proof},
        proofs_fast={scheme.key: fast},
        proofs_slow={scheme.key: slow},
        gap=round(1 - carry, 3),
        head_start=head_start,
    )


def base_for(
    scheme: SchemeInfo,
    *,
    names: dict[str, str],
    routes: dict[str, Plan],
    held: frozenset[str],
    held_frameworks: frozenset[str],
) -> Base | None:
    """What the scheme builds on, as this route has it: held, planned before it, or absent."""
    planning = scheme.planning
    if planning is None or not planning.builds_on:
        return None
    key = planning.builds_on
    name = names.get(key, key)
    if key in held or key in held_frameworks:
        return Base(name, None)
    plan = routes.get(key)
    if plan is None:
        return None
    if plan.held:
        return Base(name, None)
    if planning.prerequisite or key not in FRAMEWORKS:
        return Base(name, plan.first_proof_range)
    work = plan.work_done or plan.first_proof_week
    return Base(name, Range(work, work, work))


def scheme_lines(pricing: Pricing, scheme: SchemeInfo, plan: Plan) -> list[CostLine | None]:
    """The scheme's own cost lines by year: preparation help once at the start, its assessment
    at the first proof and at each renewal, its yearly fees from the first proof."""
    planning = scheme.planning
    if planning is None or scheme.is_law:
        return []
    start = plan.phases[0].start if plan.phases else 0
    proof = plan.first_proof_week
    cycle = round(planning.renewal_months * WEEKS_PER_MONTH) if planning.renewal_months else 0
    lines: list[CostLine | None] = []
    for item in _items(pricing, scheme.key):
        if item.recurrence == Recurrence.ONCE:
            years = [] if plan.held else [year_of(start)]
        elif item.recurrence == Recurrence.PER_CYCLE:
            years = _cycle_years(proof, cycle, held=plan.held)
        else:
            years = list(range(year_of(proof), YEARS + 1))
        note = "renewal" if plan.held else ""
        lines += [pricing.line(item.key, scheme.key, year, note=note) for year in years]
    return lines


def _cycle_years(proof: int, cycle: int, *, held: bool) -> list[int]:
    """The years an assessment falls in: at the first proof, then every cycle. A scheme held
    today with a yearly cycle is reassessed each year; with a longer one, its date is unknown."""
    if held:
        return list(range(1, YEARS + 1)) if cycle and cycle <= 52 else []
    weeks = [proof]
    while cycle and weeks[-1] + cycle < YEARS * 52:
        weeks.append(weeks[-1] + cycle)
    return sorted({year_of(w) for w in weeks})


def _items(pricing: Pricing, key: str) -> list[RangeInfo]:
    """The scheme's cost items, one per line key, as priced for this company."""
    figures = [pricing.figure(k) for k in pricing.reference.cost_keys_of.get(key, ())]
    return [f.info for f in figures if f is not None]


def multi_year(plan: Plan | None) -> TypeGuard[Plan]:
    return plan is not None and not plan.held and plan.first_proof_week > MULTI_YEAR_WEEKS
