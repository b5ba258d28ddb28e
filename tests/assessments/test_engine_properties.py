"""Properties that hold for any valid answers, not just the profiles we thought of."""

import json
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.answers import LABELS, Answers
from assessments.engine.codes import Currency, ReadinessLevel, Region, SizeBand, Soc2Window
from assessments.engine.evaluate import Result, evaluate
from assessments.engine.obligations import obligations_collect
from assessments.engine.reference import ISO, SOC2
from tests.assessments.engine_data import reference_from_files, with_weights

ASSESSED_ON = date(2026, 11, 28)
REFERENCE = reference_from_files()
QUESTION_KEYS = tuple(q.key for q in REFERENCE.questions)
SETTINGS = settings(max_examples=60, deadline=None)


def _some(kind: str, *, min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    values = tuple(LABELS[kind])
    return st.lists(st.sampled_from(values), min_size=min_size, unique=True).map(tuple)


requests = st.one_of(
    st.just(("none",)),
    st.lists(st.sampled_from(("soc2", "iso27001", "questionnaires")), unique=True).map(tuple),
)
readiness = st.dictionaries(st.sampled_from(QUESTION_KEYS), st.sampled_from(tuple(ReadinessLevel)))


def _day(max_days: int = 900):
    return st.one_of(
        st.none(),
        st.integers(min_value=1, max_value=max_days).map(lambda d: ASSESSED_ON + timedelta(days=d)),
    )


answers_strategy = st.builds(
    Answers,
    headcount=st.sampled_from(SizeBand.values()),
    industry=st.sampled_from(tuple(LABELS["industry"])),
    delivery=_some("delivery", min_size=1),
    customer_regions=st.lists(st.sampled_from(Region.values()), min_size=1, unique=True).map(tuple),
    budget_amount=st.integers(min_value=0, max_value=2_000_000),
    budget_yearly=st.one_of(st.none(), st.integers(min_value=0, max_value=1_000_000)),
    currency=st.sampled_from(Currency.values()),
    assessed_on=st.just(ASSESSED_ON),
    data_types=_some("data_types"),
    segments=_some("segments"),
    requests=requests,
    regulated_buyers=_some("regulated_buyers"),
    deals_soc2=st.integers(min_value=0, max_value=50),
    deals_iso=st.integers(min_value=0, max_value=50),
    deadline_soc2=_day(),
    deadline_iso=_day(),
    soc2_type_needed=st.sampled_from(tuple(LABELS["soc2_type_needed"])),
    soc2_window_months=st.sampled_from(Soc2Window.values()),
    include_estimates=st.booleans(),
    selling_now=st.lists(st.sampled_from(Region.values()), unique=True).map(tuple),
    selling_planned=st.lists(st.sampled_from(Region.values()), unique=True).map(tuple),
    tender_requirements=_some("tender_requirements"),
    internal_people=st.sampled_from((0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 4.0)),
    approach=st.sampled_from(tuple(LABELS["approach"])),
    existing=_some("existing"),
    soc2_period_end=_day(400),
    iso_expiry=_day(1000),
    maturity=st.sampled_from(tuple(LABELS["maturity"])),
    readiness=readiness,
    readiness_notes=st.just({}),
)


def run(answers: Answers, reference=REFERENCE) -> Result:
    return evaluate(answers, reference)


@SETTINGS
@given(answers_strategy)
def test_result_is_json_serialisable(answers):
    data = run(answers).to_dict()
    assert json.loads(json.dumps(data)) == data


@SETTINGS
@given(answers_strategy, st.sampled_from(("eu", "uk", "apac")))
def test_more_international_customers_never_lower_the_iso_score(answers, region):
    wider = replace(
        answers, customer_regions=tuple(dict.fromkeys((*answers.customer_regions, region)))
    )
    assert run(wider).scores[ISO] >= run(answers).scores[ISO]


@SETTINGS
@given(answers_strategy)
def test_every_point_comes_from_a_named_factor(answers):
    result = run(answers)
    weights = {f.key: (f.framework, f.weight) for f in REFERENCE.factors}
    for framework in (SOC2, ISO):
        points = sum(r.points for r in result.reasons if r.framework == framework)
        assert 0 <= result.scores[framework] <= 100
        assert result.scores[framework] == min(100, points)
        assert result.raw_points[framework] == points
    for reason in result.reasons:
        assert weights[reason.factor] == (reason.framework, reason.points)
        assert reason.answer_field in Answers.__dataclass_fields__
    assert [r.points for r in result.reasons] == sorted(
        (r.points for r in result.reasons), reverse=True
    )


@SETTINGS
@given(answers_strategy)
def test_every_cost_range_is_ordered(answers):
    for option in run(answers).options.values():
        cost = option.cost
        amounts = [line.amount for line in cost.lines] + [*cost.by_year, cost.total]
        for money in amounts:
            assert 0 <= money.low <= money.typical <= money.high
        assert cost.currency == answers.currency


@SETTINGS
@given(answers_strategy)
def test_verdict_order_and_plan_agree(answers):
    result = run(answers)
    frameworks = {item.framework for item in result.plan}
    assert set(result.order) == frameworks
    assert result.verdict == (
        "not_yet" if not frameworks else "both" if len(frameworks) == 2 else result.order[0]
    )
    if result.mode:
        assert result.verdict == "both" and result.mode in ("parallel", "sequential")


@SETTINGS
@given(answers_strategy, st.sampled_from(tuple(f.key for f in REFERENCE.factors)))
def test_a_factor_weighted_zero_never_gives_a_reason(answers, key):
    result = run(answers, with_weights(REFERENCE, **{key: 0}))
    assert key not in {r.factor for r in result.reasons}


@SETTINGS
@given(answers_strategy)
def test_readiness_percent_stays_within_bounds(answers):
    readiness = run(answers).readiness
    for framework in (SOC2, ISO):
        assert 0 <= readiness.percent[framework] <= 100
        assert 0 <= readiness.gap_share[framework] <= 1


def _named(answers: Answers) -> bool:
    return bool(obligations_collect(answers))


def _codes(result: Result) -> set[str]:
    return {w.code for w in result.warnings}


@SETTINGS
@given(answers_strategy)
def test_an_obligation_is_always_in_the_plan_and_first_unless_a_sooner_deadline_leads(answers):
    result = run(answers)
    for check in result.obligations:
        assert check.framework in result.order
    open_checks = [c for c in result.obligations if c.status != "held"]
    added = [i.framework for i in result.plan if i.action != "keep"]
    if open_checks:
        first = added[0]
        due = [c.deadline or date.max for c in open_checks if c.framework == first]
        assert due, "the first addition answers an open obligation"
        assert min(due) <= min(c.deadline or date.max for c in open_checks)


@SETTINGS
@given(answers_strategy)
def test_a_held_framework_is_never_recommended_as_new(answers):
    held = {
        SOC2: {"soc2_type1", "soc2_type2"} & set(answers.existing),
        ISO: {"iso27001_2022", "iso27001_2013"} & set(answers.existing),
    }
    for item in run(answers).plan:
        if held[item.framework]:
            assert item.action in ("keep", "upgrade")


@SETTINGS
@given(answers_strategy)
def test_no_plan_year_exceeds_its_budget_without_a_budget_warning(answers):
    result = run(answers)
    if result.verdict == "not_yet":
        return
    cost = result.options[result.verdict].cost
    budgets = (answers.budget_amount,) + (answers.later_budget,) * 2
    over = any(y.typical > b for y, b in zip(cost.by_year, budgets, strict=True))
    assert over == (not result.budget.fits)
    if over:
        assert "budget_over" in _codes(result)
        assert result.mode != "parallel"


@SETTINGS
@given(answers_strategy)
def test_high_confidence_needs_an_obligation_and_nobody_asking_means_low(answers):
    result = run(answers)
    if not _named(answers):
        assert result.confidence == "low"
    if result.confidence == "high":
        assert _named(answers)
        assert all(c.status != "late" for c in result.obligations)
        assert result.budget.fits


@SETTINGS
@given(answers_strategy)
def test_signals_alone_start_at_most_one_framework(answers):
    result = run(answers)
    if not _named(answers):
        assert sum(1 for i in result.plan if i.action == "add") <= 1
        assert all(i.basis != "obligation" for i in result.plan)


@SETTINGS
@given(answers_strategy)
def test_a_saved_result_reads_back_as_the_same_typed_result(answers):
    result = run(answers)
    saved = json.loads(json.dumps(result.to_dict()))
    assert Result.from_dict(saved) == result
