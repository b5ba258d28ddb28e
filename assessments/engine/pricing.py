"""Prices as auditors and the market set them: sourced figures in the user's currency, pricing
factors (a Type I's share of the Type II fee, bundle discounts, audit-time shares), ISO audit
time from the people in scope, and the user's own quotes over all of them."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from assessments.engine.answers import Answers
from assessments.engine.codes import SizeBand
from assessments.engine.formats import money_exact
from assessments.engine.reference import RangeInfo, ReferenceData

if TYPE_CHECKING:
    from assessments.engine.costs import CostLine

PUBLISHED, DERIVED, ESTIMATE, QUOTE = "published", "derived", "estimate", "quote"
# Initial certification audit time (Stage 1 + Stage 2, auditor-days) by people in scope: the
# audit time chart of ISO/IEC 27006-1:2024, the progression IAF MD 5 also uses. (upper bound of
# people, days); above the last row the chart continues at about one day per step.
AUDIT_DAYS = (
    (10, 5.0),
    (15, 6.0),
    (25, 7.0),
    (45, 8.5),
    (65, 10.0),
    (85, 11.0),
    (125, 12.0),
    (175, 13.0),
    (275, 14.0),
    (425, 15.0),
    (625, 16.5),
    (875, 17.5),
    (1175, 18.5),
    (1550, 19.5),
    (2025, 21.0),
    (2675, 22.0),
    (3450, 23.0),
    (4350, 24.0),
    (5450, 25.0),
    (6800, 26.0),
    (8500, 27.0),
    (10700, 28.0),
)
# People in scope when the user gave no number: the band's smallest, middle and largest company.
BAND_PEOPLE: dict[str, tuple[int, int, int]] = {
    SizeBand.MICRO: (1, 6, 10),
    SizeBand.SMALL: (11, 30, 50),
    SizeBand.MEDIUM: (51, 120, 200),
    SizeBand.LARGE: (201, 500, 1000),
    SizeBand.ENTERPRISE: (1001, 2000, 5000),
}


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

    def shared(self, percent: RangeInfo | None) -> Money:
        """This share of the amount: a low share of the low end, a high share of the high."""
        if percent is None:
            return self
        return Money(
            round(self.low * percent.low / 100),
            round(self.typical * percent.typical / 100),
            round(self.high * percent.high / 100),
        )

    def discounted(self, percent: RangeInfo | None) -> Money:
        """Less a discount: the deepest discount gives the low end."""
        if percent is None:
            return self
        return Money(
            round(self.low * (1 - percent.high / 100)),
            round(self.typical * (1 - percent.typical / 100)),
            round(self.high * (1 - percent.low / 100)),
        )

    def grown(self, percent: RangeInfo | None, times: int) -> Money:
        """Plus `times` steps of a percentage uplift."""
        if percent is None or not times:
            return self
        return Money(
            round(self.low * (1 + times * percent.low / 100)),
            round(self.typical * (1 + times * percent.typical / 100)),
            round(self.high * (1 + times * percent.high / 100)),
        )


@dataclass(frozen=True)
class Figure:
    amount: Money  # in the user's currency
    info: RangeInfo

    @property
    def basis(self) -> str:
        return basis_of(self.info)


def basis_of(info: RangeInfo) -> str:
    if not info.verified:
        return ESTIMATE
    return DERIVED if info.source_type == "derived" else PUBLISHED


def derived_basis(*inputs: RangeInfo | None) -> str:
    """A figure computed from others: an estimate when any input is one."""
    weak = ("estimate", "vendor", "blog")
    if any(i is not None and (not i.verified or i.source_type in weak) for i in inputs):
        return ESTIMATE
    return DERIVED


def audit_days(people: int) -> float:
    """Initial audit auditor-days for this many people in the ISMS scope."""
    bounds = [limit for limit, _ in AUDIT_DAYS]
    at = bisect_left(bounds, max(1, people))
    if at < len(AUDIT_DAYS):
        return AUDIT_DAYS[at][1]
    return AUDIT_DAYS[-1][1] + (people - AUDIT_DAYS[-1][0]) // 2500 + 1


@dataclass(frozen=True)
class Pricing:
    """What every cost line of one evaluation is priced from."""

    answers: Answers
    reference: ReferenceData
    rate: float  # units of the user's currency per US dollar

    @cached_property
    def _figures(self) -> dict[str, Figure | None]:
        return {}

    def figure(self, key: str) -> Figure | None:
        """The figure for this size, in the user's own currency where a source prices in it,
        else the US figure (or, failing that, the source's own currency) converted."""
        if key not in self._figures:
            self._figures[key] = self._figure(key)
        return self._figures[key]

    def _figure(self, key: str) -> Figure | None:
        band, currency = self.answers.headcount, self.answers.currency
        rows = self.reference.costs_by_key.get(key, ())
        # A scheme may price only in its home currency (Cyber Essentials in pounds).
        others = sorted({c.currency for c in rows} - {currency, "USD"})
        for wanted_currency in (currency, "USD", *others):
            for wanted_band in (band, ""):
                row = next(
                    (
                        c
                        for c in rows
                        if c.size_band == wanted_band and c.currency == wanted_currency
                    ),
                    None,
                )
                if row:
                    rate = 1.0 if row.currency == currency else self._rate(row.currency)
                    amount = Money(row.low, row.typical, row.high).scaled(rate)
                    return Figure(amount, row)
        return None

    def _rate(self, source_currency: str) -> float:
        """From a source's currency to the user's, through the US dollar."""
        per_usd = self.reference.rates.get(source_currency, 1.0) or 1.0
        return self.rate / per_usd

    def factor(self, key: str) -> RangeInfo | None:
        return self.reference.pricing.get(key)

    def line(
        self,
        key: str,
        framework: str | None,
        year: int,
        factor: float = 1.0,
        note: str = "",
        *,
        amount: Money | None = None,
        basis: str | None = None,
    ) -> CostLine | None:
        """One cost line; the user's quote for it, when given, replaces the figure."""
        from assessments.engine.costs import CostLine

        quote = self.answers.quotes.get(key)
        if quote is not None:
            return CostLine(
                key, framework, year, Money(quote, quote, quote), "your quote", True, QUOTE
            )
        figure = self.figure(key)
        if amount is None:
            if figure is None:
                return None
            amount = figure.amount.scaled(factor)
        if basis is None:
            basis = figure.basis if figure else DERIVED
        elif basis == DERIVED and figure and figure.basis == ESTIMATE:
            basis = ESTIMATE  # derived from an estimate is still an estimate
        return CostLine(key, framework, year, amount, note.strip(), True, basis)

    def yearly(self, key: str, framework: str | None, first_week: int) -> list[CostLine | None]:
        from assessments.engine.costs import YEARS, year_of

        return [self.line(key, framework, year) for year in range(year_of(first_week), YEARS + 1)]

    def people_in_scope(self) -> tuple[int, int, int]:
        given = self.answers.people_in_scope
        if given:
            return given, given, given
        return BAND_PEOPLE.get(self.answers.headcount, BAND_PEOPLE[SizeBand.SMALL])

    def iso_initial_audit(self) -> tuple[Money, str]:
        """Stage 1 and Stage 2: audit days for the people in scope × the certification body's
        day rate in the user's currency."""
        rate = self.figure("iso_audit_day_rate")
        low, typical, high = (audit_days(p) for p in self.people_in_scope())
        if rate is None:
            return Money(0, 0, 0), ""
        day = rate.amount
        amount = Money(round(low * day.low), round(typical * day.typical), round(high * day.high))
        people = self.people_in_scope()
        who = (
            f"{people[1]:,} people"
            if people[0] == people[2]
            else f"{people[0]:,}–{people[2]:,} people"
        )
        days = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        currency = self.answers.currency
        return amount, (
            f"{days} auditor-days for {who} in scope (ISO/IEC 27006-1 audit time) × a day rate "
            f"of {money_exact(day.low, currency)}–{money_exact(day.high, currency)}"
        )

    def staff_cost(self) -> tuple[Money | None, str, str]:
        """The loaded yearly cost of one person: the user's figure, or the sourced default."""
        currency = self.answers.currency
        given = self.answers.staff_cost_per_fte
        if given:
            return (
                Money(given, given, given),
                QUOTE,
                f"your {money_exact(given, currency)} a year per person",
            )
        figure = self.figure("staff_cost_per_fte")
        if figure is None:
            return None, ESTIMATE, ""
        return (
            figure.amount,
            figure.basis,
            f"a loaded {money_exact(figure.amount.typical, currency)} a year per person",
        )
