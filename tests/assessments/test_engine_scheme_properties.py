"""Properties of demanded schemes that must hold for any company: every demanded scheme is in
the plan, a held one is never planned as new, a prerequisite comes before what needs it, "high"
never stands beside a demanded scheme that is late, at risk, over budget or longer than a year,
and a law is never costed as an audit nor given a timeline."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.answers import Answers
from assessments.engine.costs import FIT
from assessments.engine.evaluate import evaluate
from assessments.engine.scheme_plans import multi_year
from tests.assessments.engine_data import reference_from_files

REFERENCE = reference_from_files()
SCHEMES = {s.key: s for s in REFERENCE.schemes}
PLANNABLE = sorted(k for k, s in SCHEMES.items() if s.planning and not s.is_law)
LAWS = sorted(k for k, s in SCHEMES.items() if s.is_law)
TODAY = date(2026, 12, 6)
SETTINGS = settings(max_examples=40, deadline=None)

demand = st.fixed_dictionaries(
    {
        "deadline": st.one_of(
            st.none(), st.integers(4, 150).map(lambda w: TODAY + timedelta(weeks=w))
        ),
        "deals": st.integers(0, 5),
    }
)
companies = st.builds(
    Answers,
    headcount=st.sampled_from(["1-10", "11-50", "51-200", "201-1000", "1000+"]),
    industry=st.just("saas"),
    delivery=st.just(("saas",)),
    customer_regions=st.sampled_from([("north_america",), ("eu",), ("uk",), ("eu", "uk")]),
    selling_now=st.just(()),
    budget_amount=st.integers(0, 600_000),
    currency=st.sampled_from(["USD", "EUR", "GBP"]),
    assessed_on=st.just(TODAY),
    requests=st.sampled_from([(), ("soc2",), ("iso27001",), ("soc2", "iso27001")]),
    approach=st.sampled_from(["platform", "consultant", "both", "in_house"]),
    maturity=st.sampled_from(["ad_hoc", "basic", "documented", "managed"]),
    internal_people=st.sampled_from([0.25, 0.5, 1.0, 2.0]),
    demanded_schemes=st.dictionaries(
        st.sampled_from(PLANNABLE + LAWS), demand, min_size=1, max_size=3
    ),
    existing_other=st.sampled_from(["", "Cyber Essentials Plus", "TISAX", "PCI DSS"]),
)


@SETTINGS
@given(companies)
def test_every_demanded_scheme_is_in_the_plan_and_a_held_one_is_kept(answers):
    result = evaluate(answers, REFERENCE)
    actions = {item.framework: item.action for item in result.plan}
    written = answers.existing_other.lower()
    held = {k for k, s in SCHEMES.items() if any(a.lower() == written for a in s.aliases)}
    # What a held scheme could only be obtained on top of is held too.
    held |= {SCHEMES[k].planning.builds_on for k in held if SCHEMES[k].planning.prerequisite}
    for key in answers.demanded_schemes:
        assert key in actions
        assert key in result.path
        if SCHEMES[key].is_law:
            assert actions[key] == "comply"
        elif key in held:
            assert actions[key] == "keep"
        else:
            assert actions[key] == "add"
    checked = {c.asked for c in result.obligations}
    assert set(answers.demanded_schemes) <= checked


@SETTINGS
@given(companies)
def test_a_prerequisite_comes_before_the_scheme_that_needs_it(answers):
    result = evaluate(answers, REFERENCE)
    plans = {p.framework: p for p in result.scheme_plans}
    for key, plan in plans.items():
        planning = SCHEMES[key].planning
        base = planning.builds_on
        if planning.prerequisite and base in plans and not plan.held:
            assert result.path.index(base) < result.path.index(key)
            own = [p for p in plan.phases if p.kind != "work"]
            assert own[0].start >= plans[base].first_proof_week


@SETTINGS
@given(companies)
def test_high_never_stands_beside_a_scheme_that_is_late_over_budget_or_multi_year(answers):
    result = evaluate(answers, REFERENCE)
    if result.confidence != "high":
        return
    plans = {p.framework: p for p in result.scheme_plans}
    for check in result.obligations:
        assert check.status not in ("late", "at_risk")
        assert not multi_year(plans.get(check.asked))
    assert all(y.fit == FIT for y in result.budget.years)


@SETTINGS
@given(companies)
def test_a_law_is_never_costed_as_an_audit_nor_timed(answers):
    result = evaluate(answers, REFERENCE)
    laws = set(LAWS)
    for option in result.options.values():
        assert not {line.framework for line in option.cost.lines} & laws
        assert not {p.framework for p in option.scheme_plans} & laws
    for check in result.obligations:
        if check.asked in laws:
            assert check.status == "applies"


@SETTINGS
@given(companies)
def test_the_schemes_cost_is_in_the_totals_held_against_the_budget(answers):
    result = evaluate(answers, REFERENCE)
    chosen = result.options[result.verdict]
    scheme_cash = sum(
        line.amount.typical
        for line in chosen.cost.lines
        if line.framework in SCHEMES and line.in_cash_totals
    )
    assert sum(y.typical for y in chosen.cost.by_year) >= scheme_cash
    assert [y.cost.typical for y in result.budget.years] == [y.typical for y in chosen.cost.by_year]


def test_a_small_company_with_a_demanded_scheme_is_never_told_to_wait():
    answers = Answers(
        headcount="1-10",
        industry="saas",
        delivery=("saas",),
        customer_regions=("uk",),
        budget_amount=20_000,
        currency="GBP",
        assessed_on=TODAY,
        requests=("none",),
        demanded_schemes={"cyber_essentials_plus": {"deadline": None, "deals": 1}},
    )
    result = evaluate(answers, REFERENCE)
    assert result.verdict == "not_yet"
    assert "start the audit when the first buyer asks" not in result.headline
    assert result.headline.startswith("Cyber Essentials → Cyber Essentials Plus")
    assert result.confidence != "low"
