"""Properties of the cost model that must hold for any company: the fit words tell the truth, a
quote always replaces its line, the chosen approach's own costs are always in the totals, and a
head start never costs more than starting fresh."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.answers import Answers
from assessments.engine.costs import FIT, OVER, QUOTABLE, TIGHT, fit
from assessments.engine.evaluate import evaluate
from assessments.engine.pricing import Money
from tests.assessments.engine_data import reference_from_files

REFERENCE = reference_from_files()
SETTINGS = settings(max_examples=40, deadline=None)
OPTIONS = ("soc2", "iso27001", "both")

companies = st.builds(
    Answers,
    headcount=st.sampled_from(["1-10", "11-50", "51-200", "201-1000", "1000+"]),
    industry=st.just("saas"),
    delivery=st.just(("saas",)),
    customer_regions=st.sampled_from([("north_america",), ("eu",), ("uk",), ("eu", "uk")]),
    budget_amount=st.integers(0, 400_000),
    budget_yearly=st.one_of(st.none(), st.integers(0, 300_000)),
    currency=st.sampled_from(["USD", "EUR", "GBP"]),
    assessed_on=st.just(date(2026, 12, 6)),
    requests=st.sampled_from([(), ("soc2",), ("iso27001",), ("soc2", "iso27001")]),
    approach=st.sampled_from(["platform", "consultant", "both", "in_house"]),
    maturity=st.sampled_from(["ad_hoc", "basic", "documented", "managed"]),
    internal_people=st.sampled_from([0.25, 0.5, 1.0, 2.0]),
    one_audit_firm=st.booleans(),
)


@SETTINGS
@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_fit_never_calls_a_year_fits_while_over_budget_or_tight_when_over_by_more_than_ten_percent(
    budget, typical
):
    word = fit(budget, Money(typical // 2, typical, typical * 2))
    assert (word == FIT) == (typical <= budget)
    if word == TIGHT:
        assert budget < typical <= budget * 1.1
    if word == OVER:
        assert typical > budget * 1.1


@SETTINGS
@given(companies)
def test_every_year_word_agrees_with_that_years_cash_cost_and_budget(answers):
    result = evaluate(answers, REFERENCE)
    budgets = (answers.budget_amount,) + (answers.later_budget,) * 2
    for option in OPTIONS:
        cost = result.options[option].cost
        for budget, money, word in zip(budgets, cost.by_year, cost.year_fits, strict=True):
            assert word == fit(budget, money)


@SETTINGS
@given(companies, st.sampled_from(QUOTABLE), st.integers(0, 200_000))
def test_a_quote_always_replaces_its_line_in_every_year(answers, key, amount):
    quoted = evaluate(replace(answers, quotes={key: amount}), REFERENCE)
    for option in OPTIONS:
        lines = [line for line in quoted.options[option].cost.lines if line.key == key]
        assert all(line.amount == Money(amount, amount, amount) for line in lines)
        assert all(line.basis == "quote" and line.in_cash_totals for line in lines)


@SETTINGS
@given(companies)
def test_the_chosen_approachs_own_costs_are_always_in_the_totals(answers):
    result = evaluate(answers, REFERENCE)
    for option in OPTIONS:
        cost = result.options[option].cost
        platform = [line for line in cost.lines if line.key == "compliance_platform"]
        if answers.approach in ("platform", "both"):
            assert platform and all(line.in_cash_totals for line in platform)
        else:
            assert not platform
        for year, money in enumerate(cost.by_year, 1):
            cash = [x for x in cost.lines if x.year == year and x.kind == "cash"]
            assert money.typical == sum(x.amount.typical for x in cash)


@SETTINGS
@given(companies, st.sampled_from(["soc2_type1", "iso27001_2013"]))
def test_a_head_start_never_costs_more_or_takes_longer_than_starting_fresh(answers, held):
    fresh = evaluate(answers, REFERENCE)
    ahead = evaluate(replace(answers, existing=(held,)), REFERENCE)
    framework, key = (
        ("soc2", "soc2_readiness") if held == "soc2_type1" else ("iso27001", "iso_implementation")
    )

    def prep(result) -> int:
        return sum(
            line.amount.typical for line in result.options[framework].cost.lines if line.key == key
        )

    assert prep(ahead) <= prep(fresh)
    assert (
        ahead.options[framework].plans[0].work_done <= fresh.options[framework].plans[0].work_done
    )


@SETTINGS
@given(companies)
def test_staff_time_is_never_held_against_the_cash_budget(answers):
    with_people = evaluate(answers, REFERENCE)
    dearer = evaluate(replace(answers, staff_cost_per_fte=900_000), REFERENCE)
    for option in OPTIONS:
        assert with_people.options[option].cost.by_year == dearer.options[option].cost.by_year
        assert with_people.options[option].cost.year_fits == dearer.options[option].cost.year_fits


@SETTINGS
@given(companies)
def test_first_proof_ranges_run_fast_to_slow(answers):
    result = evaluate(answers, REFERENCE)
    for option in OPTIONS:
        spread = result.options[option].first_proof_range
        assert spread.low <= spread.typical <= spread.high
        assert spread.typical == result.options[option].first_proof_week
