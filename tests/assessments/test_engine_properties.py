"""Properties that hold for any valid answers, not just the profiles we thought of."""

import json
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.answers import (
    CURRENCIES,
    LABELS,
    READINESS_LEVELS,
    REGIONS,
    SIZE_BANDS,
    Answers,
)
from assessments.engine.evaluate import Result, evaluate
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
readiness = st.dictionaries(st.sampled_from(QUESTION_KEYS), st.sampled_from(READINESS_LEVELS))

answers_strategy = st.builds(
    Answers,
    headcount=st.sampled_from(SIZE_BANDS),
    industry=st.sampled_from(tuple(LABELS["industry"])),
    delivery=_some("delivery", min_size=1),
    customer_regions=st.lists(st.sampled_from(REGIONS), min_size=1, unique=True).map(tuple),
    budget_amount=st.integers(min_value=0, max_value=2_000_000),
    currency=st.sampled_from(CURRENCIES),
    assessed_on=st.just(ASSESSED_ON),
    data_types=_some("data_types"),
    segments=_some("segments"),
    requests=requests,
    regulated_buyers=_some("regulated_buyers"),
    deals_at_stake=st.integers(min_value=0, max_value=50),
    selling_now=st.lists(st.sampled_from(REGIONS), unique=True).map(tuple),
    selling_planned=st.lists(st.sampled_from(REGIONS), unique=True).map(tuple),
    tender_requirements=_some("tender_requirements"),
    internal_people=st.sampled_from((0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 4.0)),
    deadline=st.one_of(
        st.none(),
        st.integers(min_value=1, max_value=900).map(lambda d: ASSESSED_ON + timedelta(days=d)),
    ),
    approach=st.sampled_from(tuple(LABELS["approach"])),
    existing=_some("existing"),
    maturity=st.sampled_from(tuple(LABELS["maturity"])),
    readiness=readiness,
    readiness_notes=st.just({}),
)


def run(answers: Answers, reference=REFERENCE) -> Result:
    return evaluate(answers, reference)


@SETTINGS
@given(answers_strategy)
def test_result_is_deterministic(answers):
    assert run(answers).to_dict() == run(answers).to_dict()


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
def test_asking_for_soc2_never_lowers_the_soc2_score(answers):
    kept = tuple(r for r in answers.requests if r not in ("none", "soc2"))
    asked = replace(answers, requests=(*kept, "soc2"))
    assert run(asked).scores[SOC2] >= run(answers).scores[SOC2]


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
def test_verdict_and_order_agree(answers):
    result = run(answers)
    assert result.verdict in (SOC2, ISO, "both")
    if result.verdict == "both":
        assert set(result.order) == {SOC2, ISO}
        assert result.mode in ("parallel", "sequential")
    else:
        assert result.order == (result.verdict,)
        assert result.mode == ""


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
