"""The plan's cost against the budget, year by year over three years."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.engine.answers import Answers
from assessments.engine.costs import FIT, Money, OptionCost, budgets_by_year


@dataclass(frozen=True)
class YearCheck:
    year: int
    budget: int
    cost: Money
    fit: str  # fits | tight | over


@dataclass(frozen=True)
class BudgetCheck:
    years: tuple[YearCheck, ...]
    fits: bool  # every year's typical cost is within that year's budget
    yearly_given: bool  # False: the years after the first were compared with the first's budget
    # When a year does not fit: the cheapest route that still meets the obligations.
    cheapest: OptionCost | None = None
    cheapest_is_plan: bool = False  # the recommended route is already the cheapest

    @property
    def over(self) -> tuple[YearCheck, ...]:
        return tuple(y for y in self.years if y.fit != FIT)


def budget_check(
    *, answers: Answers, cost: OptionCost | None, cheapest: OptionCost | None = None
) -> BudgetCheck:
    budgets = budgets_by_year(answers)
    if cost is None:  # nothing to buy yet
        years = tuple(YearCheck(n, b, Money(0, 0, 0), FIT) for n, b in enumerate(budgets, 1))
        return BudgetCheck(years, True, answers.budget_yearly is not None)
    years = tuple(
        YearCheck(n, b, c, f)
        for n, (b, c, f) in enumerate(zip(budgets, cost.by_year, cost.year_fits, strict=True), 1)
    )
    fits = all(y.fit == FIT for y in years)
    return BudgetCheck(
        years=years,
        fits=fits,
        yearly_given=answers.budget_yearly is not None,
        cheapest=None if fits else cheapest,
        cheapest_is_plan=cheapest is not None and not fits and cheapest.total == cost.total,
    )
