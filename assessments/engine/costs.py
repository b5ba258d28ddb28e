"""Three-year cost ranges per option, from the published figures in the reference data.

Every line is placed in the year its work or audit happens. A figure no public source confirms
is shown as an estimate and left out of the totals, unless the user asked to count estimates."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .answers import Answers
from .codes import Approach
from .reference import ISO, SOC2, RangeInfo, ReferenceData
from .timeline import HORIZON_WEEKS, Plan

YEARS = 3
WEEKS_PER_YEAR = 52
# How much outside preparation help each approach buys, relative to a full consultancy engagement.
PREP_SHARE = {
    Approach.CONSULTANT: 1.0,
    Approach.BOTH: 1.0,
    Approach.PLATFORM: 0.5,
    Approach.IN_HOUSE: 0.25,
}
FIT, TIGHT, OVER = "fits", "tight", "over"
PREPARATION = ("soc2_readiness", "iso_implementation")


@dataclass(frozen=True)
class Money:
    low: int
    typical: int
    high: int

    def __add__(self, other: Money) -> Money:
        return Money(self.low + other.low, self.typical + other.typical, self.high + other.high)

    def scaled(self, factor: float) -> Money:
        return Money(
            round(self.low * factor), round(self.typical * factor), round(self.high * factor)
        )


ZERO = Money(0, 0, 0)


@dataclass(frozen=True)
class CostLine:
    """One cost in one year. Its name and source are the cost item's (reference data, by key
    and size band)."""

    key: str
    framework: str | None
    year: int
    amount: Money
    note: str = ""
    counted: bool = True  # False: an unverified estimate, shown but not in the totals


@dataclass(frozen=True)
class OptionCost:
    option: str
    lines: tuple[CostLine, ...]
    by_year: tuple[Money, ...]
    total: Money
    first_year_fit: str
    currency: str
    year_fits: tuple[str, ...] = ()
    estimates: Money = ZERO  # the uncounted estimates, over the three years


def cost_item(reference: ReferenceData, key: str, band: str) -> RangeInfo | None:
    """The published figure for a cost, for a company of this size."""
    return _item(reference, key, band)


def _item(reference: ReferenceData, key: str, band: str) -> RangeInfo | None:
    return next((c for c in reference.costs if c.key == key and c.size_band == band), None)


def _money(item: RangeInfo, rate: float) -> Money:
    return Money(round(item.low * rate), round(item.typical * rate), round(item.high * rate))


def year_of(week: int) -> int:
    return min(YEARS, max(0, week) // WEEKS_PER_YEAR + 1)


def _line(
    reference: ReferenceData,
    answers: Answers,
    key: str,
    year: int,
    rate: float,
    factor: float = 1.0,
    note: str = "",
) -> CostLine | None:
    item = _item(reference, key, answers.headcount)
    if item is None:
        return None
    counted = item.verified or answers.include_estimates
    if not item.verified:
        note = "; ".join(n for n in (note, "unverified estimate") if n)
    return CostLine(key, item.framework, year, _money(item, rate).scaled(factor), note, counted)


def _yearly(reference, answers, key: str, first_week: int, rate: float) -> list[CostLine | None]:
    return [
        _line(reference, answers, key, year, rate) for year in range(year_of(first_week), YEARS + 1)
    ]


def _prep_factor(answers: Answers, gap: float) -> tuple[float, str]:
    share = PREP_SHARE.get(answers.approach, 1.0)
    # The published ranges describe a typical gap; a bigger gap costs more, a smaller one less.
    by_gap = 0.5 + gap
    return share * by_gap, f"× {share:g} for your approach, × {by_gap:.2f} for your readiness gap"


def _phase_end(plan: Plan, key: str) -> int | None:
    return next((p.end for p in plan.phases if p.key == key), None)


def soc2_lines(answers, reference, plan: Plan, gap: float, rate: float) -> list[CostLine | None]:
    if plan.held:
        first, note = _phase_end(plan, "soc2_renewal"), "renewal"
        return [
            _line(reference, answers, "soc2_type2_audit", year_of(week), rate, note=note)
            for week in range(first, HORIZON_WEEKS, WEEKS_PER_YEAR)
        ]
    factor, note = _prep_factor(answers, gap)
    start = plan.phases[0].start
    lines = [_line(reference, answers, "soc2_readiness", year_of(start), rate, factor, note)]
    if plan.uses_type1:
        week = _phase_end(plan, "soc2_type1")
        lines.append(_line(reference, answers, "soc2_type1_audit", year_of(week), rate))
    for week in range(_phase_end(plan, "soc2_type2"), HORIZON_WEEKS, WEEKS_PER_YEAR):
        lines.append(_line(reference, answers, "soc2_type2_audit", year_of(week), rate))
    return lines


def iso_lines(answers, reference, plan: Plan, gap: float, rate: float) -> list[CostLine | None]:
    if plan.held:
        lines = [
            _line(
                reference,
                answers,
                "iso_recertification_audit"
                if p.key == "iso_recertification"
                else "iso_surveillance_audit",
                year_of(p.start),
                rate,
            )
            for p in plan.phases
        ]
        first = plan.phases[0].start if plan.phases else 0
        return (
            lines
            + _yearly(reference, answers, "iso_internal_audit", first, rate)
            + _yearly(reference, answers, "iso_certification_fees", first, rate)
        )
    factor, note = _prep_factor(answers, gap)
    start = plan.phases[0].start
    lines = [_line(reference, answers, "iso_implementation", year_of(start), rate, factor, note)]
    audited = _phase_end(plan, "iso_certification_audit")
    lines.append(_line(reference, answers, "iso_initial_audit", year_of(audited - 1), rate))
    for week in range(plan.first_proof_week + WEEKS_PER_YEAR, HORIZON_WEEKS, WEEKS_PER_YEAR):
        lines.append(_line(reference, answers, "iso_surveillance_audit", year_of(week), rate))
    internal = next(p.start for p in plan.phases if p.key == "iso_internal_audit")
    return (
        lines
        + _yearly(reference, answers, "iso_internal_audit", internal, rate)
        + _yearly(reference, answers, "iso_certification_fees", audited - 1, rate)
    )


def shared_lines(answers, reference, start_week: int, rate: float) -> list[CostLine | None]:
    """Costs that serve whichever frameworks are pursued, counted once: a yearly penetration
    test and, with that approach, the compliance platform."""
    lines = _yearly(reference, answers, "penetration_test", start_week, rate)
    if answers.approach in (Approach.PLATFORM, Approach.BOTH):
        lines += _yearly(reference, answers, "compliance_platform", start_week, rate)
    return lines


def fit(budget: int, cost: Money) -> str:
    if budget >= cost.typical:
        return FIT
    if budget >= cost.low:
        return TIGHT
    return OVER


def budgets_by_year(answers: Answers) -> tuple[int, ...]:
    return (answers.budget_amount,) + (answers.later_budget,) * (YEARS - 1)


def option_cost(option: str, answers: Answers, lines: list[CostLine | None]) -> OptionCost:
    kept = tuple(line for line in lines if line is not None)
    counted = [line for line in kept if line.counted]
    by_year = tuple(
        sum((line.amount for line in counted if line.year == y), ZERO) for y in range(1, YEARS + 1)
    )
    fits = tuple(fit(b, y) for b, y in zip(budgets_by_year(answers), by_year, strict=True))
    return OptionCost(
        option=option,
        lines=kept,
        by_year=by_year,
        total=sum(by_year, ZERO),
        first_year_fit=fits[0],
        currency=answers.currency,
        year_fits=fits,
        estimates=sum((line.amount for line in kept if not line.counted), ZERO),
    )


def shared_discount_lines(
    lines: list[CostLine | None], framework: str, covered: float
) -> list[CostLine | None]:
    """The second framework's preparation shrinks by the share the first already covers."""
    result = []
    for line in lines:
        if line and line.framework == framework and line.key in PREPARATION:
            line = replace(
                line,
                amount=line.amount.scaled(1 - covered),
                note=f"{line.note}; less {round(covered * 100)} % already covered by shared controls",
            )
        result.append(line)
    return result


def builder_for(framework: str):
    return soc2_lines if framework == SOC2 else iso_lines


__all__ = ["ISO", "SOC2", "CostLine", "Money", "OptionCost", "fit", "option_cost"]
