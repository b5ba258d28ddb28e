"""Three-year costs and the weeks to first proof, on the published figures in the data."""

from dataclasses import replace
from datetime import date

import pytest

from assessments.engine.costs import FIT, OVER, TIGHT, Money, fit, iso_lines
from assessments.engine.evaluate import Result, evaluate
from assessments.engine.pricing import Pricing
from assessments.engine.reference import ISO, SOC2
from assessments.engine.timeline import iso_plan, soc2_plan
from tests.assessments.engine_data import reference_from_files, small_us_saas

REFERENCE = reference_from_files()
RULES = REFERENCE.rules_all()
AUDITS = ("iso_surveillance_audit", "iso_recertification_audit", "soc2_type2_audit")


def run(reference=REFERENCE, **fields) -> Result:
    return evaluate(small_us_saas(**fields), reference)


def lines(result: Result, option: str, key: str):
    return [line for line in result.options[option].cost.lines if line.key == key]


def phase_weeks(plan, key: str) -> int:
    return next(p.weeks for p in plan.phases if p.key == key)


BOTH_PULLS = {"customer_regions": ("north_america", "eu"), "requests": ("soc2", "iso27001")}
FAST_ISO = {"maturity": "managed", "approach": "consultant", "internal_people": 2.0}


def test_iso_certified_in_year_one_pays_two_surveillance_audits():
    result = run(**FAST_ISO)
    assert result.options[ISO].first_proof_week < 52
    assert [line.year for line in lines(result, ISO, "iso_initial_audit")] == [1]
    assert [line.year for line in lines(result, ISO, "iso_surveillance_audit")] == [2, 3]


def test_iso_certified_after_year_one_pays_one_surveillance_audit_in_three_years():
    result = run(headcount="201-1000", maturity="ad_hoc", internal_people=0.5)
    assert 52 <= result.options[ISO].first_proof_week < 104
    assert [line.year for line in lines(result, ISO, "iso_surveillance_audit")] == [3]


def test_iso_certification_audit_is_billed_in_the_year_it_takes_place():
    # Plans started later and later, until Stage 2 ends late in year 1 and the certificate
    # arrives in year 2: the audit is billed in year 1 all the same.
    answers = small_us_saas()
    pricing = Pricing(answers, REFERENCE, 1.0)
    straddling = []
    for start in range(52):
        plan = iso_plan(answers, REFERENCE, gap=0.5, start=start)
        audit = next(p for p in plan.phases if p.key == "iso_certification_audit")
        if audit.end < 52 <= plan.first_proof_week:
            straddling.append(plan)
    assert straddling
    for plan in straddling:
        billed = [x.year for x in iso_lines(pricing, plan) if x and x.key == "iso_initial_audit"]
        assert billed == [1]


def test_iso_2022_holder_pays_surveillance_then_recertification():
    result = run(existing=("iso27001_2022",))
    keys = [(line.key, line.year) for line in result.options[ISO].cost.lines if line.key in AUDITS]
    assert keys == [
        ("iso_surveillance_audit", 1),
        ("iso_surveillance_audit", 2),
        ("iso_recertification_audit", 3),
    ]


def test_soc2_pays_a_type2_audit_every_year_after_the_first_report():
    result = run()
    assert result.options[SOC2].first_proof_week < 52
    assert [line.year for line in lines(result, SOC2, "soc2_type2_audit")] == [1, 2, 3]
    assert [line.year for line in lines(result, SOC2, "soc2_readiness")] == [1]
    assert lines(result, SOC2, "soc2_type1_audit") == []


def test_soc2_type1_route_adds_a_type1_audit_before_the_type2():
    result = run(requests=("soc2",), deadline_soc2=date(2027, 6, 30))
    assert result.options[SOC2].plans[0].uses_type1
    assert [line.year for line in lines(result, SOC2, "soc2_type1_audit")] == [1]
    assert len(lines(result, SOC2, "soc2_type2_audit")) == 3


def test_unreachable_deadline_is_said_plainly():
    result = run(requests=("soc2",), deadline_soc2=date(2027, 1, 31))
    assert result.options[SOC2].plans[0].uses_type1
    assert not any(option.meets_deadline for option in result.options.values())
    late = next(w for w in result.warnings if w.code == "deadline_late")
    assert "9 weeks" in late.text


def test_a_deadline_at_risk_is_said_as_a_sentence_with_both_paces():
    # 24 weeks for a first ISO 27001 certificate: a fast programme makes it, a typical one not.
    result = run(
        requests=("iso27001",),
        deals_iso=3,
        deadline_iso=date(2027, 5, 15),
        customer_regions=("eu",),
        selling_now=("eu",),
    )
    risk = next(w for w in result.warnings if w.code == "deadline_at_risk")
    assert risk.text.startswith("An ISO 27001 certificate is needed in 24 weeks.")
    assert "a fast one, in week" in risk.text


def test_soc2_type2_holder_only_pays_renewals():
    result = run(existing=("soc2_type2",))
    keys = {line.key for line in result.options[SOC2].cost.lines}
    assert keys == {"soc2_type2_audit", "penetration_test", "internal_staff"}
    assert result.options[SOC2].first_proof_week == 0


def test_platform_subscription_is_paid_every_year():
    result = run(approach="platform")
    assert [line.year for line in lines(result, SOC2, "compliance_platform")] == [1, 2, 3]
    assert lines(run(), SOC2, "compliance_platform") == []


def test_the_chosen_platform_is_in_the_totals_and_marked_as_an_estimate():
    platform = run(approach="platform", requests=("soc2",))
    subscription = lines(platform, SOC2, "compliance_platform")
    assert subscription and all(line.in_cash_totals for line in subscription)
    assert {line.basis for line in subscription} == {"estimate"}
    cost = platform.options[SOC2].cost
    assert sum(line.amount.typical for line in subscription) <= cost.total.typical
    for year, money in enumerate(cost.by_year, 1):
        counted = [x for x in cost.lines if x.year == year and x.in_cash_totals]
        assert money.typical == sum(x.amount.typical for x in counted)
    assert "estimates_in_totals" in {w.code for w in platform.warnings}


def test_a_penetration_test_is_costed_once_a_year_even_for_both():
    result = run(budget_amount=500_000, **BOTH_PULLS)
    assert [line.year for line in lines(result, "both", "penetration_test")] == [1, 2, 3]
    assert lines(result, ISO, "iso_internal_audit")
    assert lines(result, ISO, "iso_certification_fees")


def test_both_in_sequence_starts_the_second_framework_in_the_next_budget_year():
    result = run(budget_amount=20_000, **BOTH_PULLS)
    assert result.options["both"].mode == "sequential"
    first, second = result.options["both"].plans
    assert second.phases[0].start >= 52
    assert second.phases[0].start >= first.first_proof_week


def test_both_in_parallel_starts_the_second_once_the_first_is_built():
    result = run(budget_amount=200_000, **BOTH_PULLS)
    assert result.options["both"].mode == "parallel"
    first, second = result.options["both"].plans
    assert second.phases[0].start == first.phases[0].end < 52


def test_second_framework_preparation_is_reduced_by_the_overlap():
    result = run(budget_amount=200_000, **BOTH_PULLS)
    second = result.order[1]
    key = "iso_implementation" if second == ISO else "soc2_readiness"
    alone = lines(result, second, key)[0].amount
    (together,) = lines(result, "both", key)
    covered = result.overlap.covered(target=second)
    assert 0 < covered < 1
    # The work still to do shrinks by the covered share: 0.5 + gap × (1 - covered) of the range.
    gap = result.readiness.gap_share[second]
    ratio = (0.5 + gap * (1 - covered)) / (0.5 + gap)
    assert together.amount.typical == pytest.approx(alone.typical * ratio, rel=0.01)
    assert "covered by the shared controls" in together.note
    alone_plan = result.options[second].plans[0]
    assert phase_weeks(result.options["both"].plans[1], alone_plan.phases[0].key) <= (
        alone_plan.phases[0].weeks
    )


@pytest.mark.parametrize(("few", "many"), [(0.25, 1.0), (0.5, 2.0), (1.0, 3.0)])
def test_more_internal_people_shorten_the_readiness_phase(few, many):
    slow, fast = small_us_saas(internal_people=few), small_us_saas(internal_people=many)
    assert soc2_plan(fast, REFERENCE, gap=0.65, rules=RULES).phases[0].weeks < (
        soc2_plan(slow, REFERENCE, gap=0.65, rules=RULES).phases[0].weeks
    )
    assert iso_plan(fast, REFERENCE, gap=0.65).phases[0].weeks < (
        iso_plan(slow, REFERENCE, gap=0.65).phases[0].weeks
    )


@pytest.mark.parametrize("approach", ["platform", "consultant", "both"])
def test_outside_help_shortens_the_readiness_phase(approach):
    alone, helped = small_us_saas(approach="in_house"), small_us_saas(approach=approach)
    for plan in (soc2_plan, iso_plan):
        assert plan(helped, REFERENCE, gap=0.65, **extra(plan)).phases[0].weeks < (
            plan(alone, REFERENCE, gap=0.65, **extra(plan)).phases[0].weeks
        )


def extra(plan) -> dict:
    return {"rules": RULES} if plan is soc2_plan else {}


def test_a_bigger_gap_lengthens_the_readiness_phase():
    answers = small_us_saas()
    for plan in (soc2_plan, iso_plan):
        weeks = [
            plan(answers, REFERENCE, gap=g, **extra(plan)).phases[0].weeks for g in (0.2, 0.5, 0.85)
        ]
        assert weeks == sorted(weeks) and weeks[0] < weeks[-1]
    ad_hoc, managed = run(maturity="ad_hoc"), run(maturity="managed")
    for framework in (SOC2, ISO):
        assert ad_hoc.options[framework].first_proof_week > (
            managed.options[framework].first_proof_week
        )


def test_readiness_phase_never_drops_below_the_published_minimum():
    answers = small_us_saas(internal_people=4.0, approach="both")
    lows = {t.key: t.low for t in REFERENCE.timelines}
    assert (
        soc2_plan(answers, REFERENCE, gap=0.0, rules=RULES).phases[0].weeks
        == lows["soc2_readiness"]
    )
    assert iso_plan(answers, REFERENCE, gap=0.0).phases[0].weeks == lows["iso_implementation"]


def test_costs_are_converted_with_the_exchange_rate():
    security = {"soc2_categories": ("security",)}
    usd, eur = run(currency="USD", **security), run(currency="EUR", **security)
    assert REFERENCE.rates["EUR"] == 0.86
    row = next(c for c in REFERENCE.costs if c.key == "soc2_type2_audit" and c.size_band == "11-50")
    assert row.currency == "USD"  # priced in dollars only, so converted
    usd_audit = lines(usd, SOC2, "soc2_type2_audit")[0].amount
    eur_audit = lines(eur, SOC2, "soc2_type2_audit")[0].amount
    assert eur_audit == Money(*(round(v * 0.86) for v in (row.low, row.typical, row.high)))
    assert usd_audit == Money(row.low, row.typical, row.high)
    for option in usd.options:
        assert eur.options[option].cost.total.typical < usd.options[option].cost.total.typical
        assert eur.options[option].cost.currency == "EUR"


def test_a_changed_rate_changes_every_dollar_price_and_no_euro_price():
    halved = replace(REFERENCE, rates={**REFERENCE.rates, "EUR": 0.5})
    result, before = run(reference=halved, currency="EUR"), run(currency="EUR")
    for key in ("soc2_type2_audit", "penetration_test", "iso_implementation"):
        framework = ISO if key.startswith("iso") else SOC2
        was, now = lines(before, framework, key)[0].amount, lines(result, framework, key)[0].amount
        assert now.typical == pytest.approx(was.typical * 0.5 / 0.86, abs=2)
    # Day rates and staff costs are priced in euros by their sources: no conversion.
    for key in ("iso_initial_audit", "internal_staff"):
        assert lines(result, ISO, key)[0].amount == lines(before, ISO, key)[0].amount


def test_budget_fit_labels():
    first_year = Money(10_000, 22_000, 40_000)
    assert fit(22_000, first_year) == FIT
    assert fit(50_000, first_year) == FIT
    assert fit(21_999, first_year) == TIGHT
    assert fit(20_000, first_year) == TIGHT  # 10 % over
    assert fit(19_999, first_year) == OVER
    # Between the low and the typical cost is no longer "tight" once it is over by 10 %.
    assert fit(12_000, first_year) == OVER


def test_budget_fit_follows_each_years_cost():
    plenty = {"requests": ("soc2",), "budget_yearly": 1_000_000}
    first_year = run(**plenty).options[SOC2].cost.by_year[0]
    fits = run(budget_amount=first_year.typical, **plenty)
    assert fits.options[SOC2].cost.year_fits == (FIT, FIT, FIT)
    assert "budget_over" not in {w.code for w in fits.warnings}
    tight = run(budget_amount=round(first_year.typical / 1.1) + 1, **plenty)
    assert tight.options[SOC2].cost.first_year_fit == TIGHT
    assert next(w for w in tight.warnings if w.code == "budget_over").severity == "warning"
    over = run(budget_amount=round(first_year.typical / 1.1) - 1, **plenty)
    assert over.options[SOC2].cost.first_year_fit == OVER
    assert next(w for w in over.warnings if w.code == "budget_over").severity == "danger"


def test_option_totals_add_up_their_years_and_lines():
    result = run(approach="platform", **BOTH_PULLS)
    for option in result.options.values():
        cost = option.cost
        assert sum(m.typical for m in cost.by_year) == cost.total.typical
        counted = sum(line.amount.typical for line in cost.lines if line.in_cash_totals)
        people = sum(line.amount.typical for line in cost.lines if line.kind == "people")
        assert people == cost.staff_total.typical > 0
        assert counted == cost.total.typical
        assert len(cost.by_year) == 3
