"""Three-year cost ranges per option, from the published figures in the reference data."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answers
from .reference import ISO, SOC2, RangeInfo, ReferenceData
from .timeline import Plan

YEARS = 3
WEEKS_PER_YEAR = 52
# How much outside preparation help each approach buys, relative to a full consultancy engagement.
PREP_SHARE = {"consultant": 1.0, "both": 1.0, "platform": 0.5, "in_house": 0.25}
FIT, TIGHT, OVER = "fits", "tight", "over"


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
    key: str
    name: str
    framework: str | None
    year: int
    amount: Money
    source: str
    note: str = ""


@dataclass(frozen=True)
class OptionCost:
    option: str
    lines: tuple[CostLine, ...]
    by_year: tuple[Money, ...]
    total: Money
    first_year_fit: str
    currency: str


def _item(reference: ReferenceData, key: str, band: str) -> RangeInfo | None:
    return next((c for c in reference.costs if c.key == key and c.size_band == band), None)


def _money(item: RangeInfo, rate: float) -> Money:
    return Money(round(item.low * rate), round(item.typical * rate), round(item.high * rate))


def _year_of(week: int) -> int:
    return min(YEARS, week // WEEKS_PER_YEAR + 1)


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
    return CostLine(
        key, item.name, item.framework, year, _money(item, rate).scaled(factor), item.source, note
    )


def _prep_factor(answers: Answers, gap: float) -> tuple[float, str]:
    share = PREP_SHARE.get(answers.approach, 1.0)
    # The published ranges describe a typical gap; a bigger gap costs more, a smaller one less.
    by_gap = 0.5 + gap
    return share * by_gap, f"× {share:g} for your approach, × {by_gap:.2f} for your readiness gap"


def soc2_lines(answers, reference, plan: Plan, gap: float, rate: float) -> list[CostLine]:
    if "soc2_type2" in answers.existing:
        years = range(1, YEARS + 1)
        return [
            _line(reference, answers, "soc2_type2_audit", y, rate, note="annual renewal")
            for y in years
        ]
    factor, note = _prep_factor(answers, gap)
    lines = [_line(reference, answers, "soc2_readiness", 1, rate, factor, note)]
    if plan.uses_type1:
        week = next(p.end for p in plan.phases if p.key == "soc2_type1")
        lines.append(_line(reference, answers, "soc2_type1_audit", _year_of(week), rate))
    first = next(p.end for p in plan.phases if p.key == "soc2_type2")
    week = first
    while week < YEARS * WEEKS_PER_YEAR:
        lines.append(_line(reference, answers, "soc2_type2_audit", _year_of(week), rate))
        week += WEEKS_PER_YEAR
    return lines


def iso_lines(answers, reference, plan: Plan, gap: float, rate: float) -> list[CostLine]:
    if "iso27001_2022" in answers.existing:
        return [
            _line(reference, answers, "iso_surveillance_audit", y, rate, note="surveillance")
            for y in (1, 2)
        ] + [_line(reference, answers, "iso_recertification_audit", 3, rate)]
    factor, note = _prep_factor(answers, gap)
    lines = [
        _line(
            reference,
            answers,
            "iso_implementation",
            _year_of(plan.phases[0].start),
            rate,
            factor,
            note,
        )
    ]
    audit_done = next(p.end for p in plan.phases if p.key == "iso_certification_audit")
    lines.append(_line(reference, answers, "iso_initial_audit", _year_of(audit_done - 1), rate))
    certified = plan.first_proof_week
    for n in (1, 2):
        week = certified + n * WEEKS_PER_YEAR
        if week < YEARS * WEEKS_PER_YEAR:
            lines.append(_line(reference, answers, "iso_surveillance_audit", _year_of(week), rate))
    return lines


def platform_lines(answers, reference, start_week: int, rate: float) -> list[CostLine]:
    if answers.approach not in ("platform", "both"):
        return []
    return [
        _line(reference, answers, "compliance_platform", y, rate)
        for y in range(_year_of(start_week), YEARS + 1)
    ]


def fit(budget: int, first_year: Money) -> str:
    if budget >= first_year.typical:
        return FIT
    if budget >= first_year.low:
        return TIGHT
    return OVER


def option_cost(
    option: str, answers: Answers, lines: list[CostLine | None], currency_rate: float
) -> OptionCost:
    kept = tuple(line for line in lines if line is not None)
    by_year = tuple(
        sum((line.amount for line in kept if line.year == y), ZERO) for y in range(1, YEARS + 1)
    )
    total = sum(by_year, ZERO)
    return OptionCost(
        option=option,
        lines=kept,
        by_year=by_year,
        total=total,
        first_year_fit=fit(answers.budget_amount, by_year[0]),
        currency=answers.currency,
    )


def shared_discount_lines(
    lines: list[CostLine | None], framework: str, covered: float
) -> list[CostLine | None]:
    """The second framework's preparation shrinks by the share the first already covers."""
    result = []
    for line in lines:
        if (
            line
            and line.framework == framework
            and line.key in ("soc2_readiness", "iso_implementation")
        ):
            line = CostLine(
                line.key,
                line.name,
                line.framework,
                line.year,
                line.amount.scaled(1 - covered),
                line.source,
                f"{line.note}; less {round(covered * 100)} % already covered by shared controls",
            )
        result.append(line)
    return result


def frameworks_of(option: str) -> tuple[str, ...]:
    return (SOC2, ISO) if option == "both" else (option,)
