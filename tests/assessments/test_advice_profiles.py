"""Whole companies through the engine, each with the answer an experienced advisor would give.

The expectations were written from public guidance before the engine was run against them:
- Demand decides. "Which one are my customers asking for, and where are they?" is the question;
  US enterprise buyers ask for SOC 2, European, UK and Asian buyers and tenders for ISO 27001
  (RouteB, securitywall.co, Fieldguide; see `/work/shared/reference/costs_timelines.md` §8).
- Type II is what buyers want; a Type I is a bridge when a buyer is waiting and will accept one
  (Bastion "Type 1 vs Type 2", cybernion.com.au, musabdulai.com on customer deadlines).
- Nothing stands in for an ISO certificate except the certificate, issued after Stage 2 by an
  accredited certification body (grclab.com, IAF/ISO guidance via trustnetinc.com); a first
  certificate takes 6–12 months (gimix.es, legalclarity.org).
- A startup nobody has asked yet can start readiness work (policies, owners, evidence) now and
  leave the audit until a buyer asks (generativelabs.com "You don't need SOC 2 yet. Start anyway").
- A held report or certificate is renewed, not re-earned: a SOC 2 Type II every year, an ISO
  certificate through surveillance audits and recertification within three years (Coalfire
  Certification, AssuranceLab). 2013-edition certificates lapsed after 31 October 2025 (DQS, RvA).
- A second framework is cheaper after the first, because much of the control work is shared
  (truvo.ca, gantt-chart.co.uk dual track), but it still costs money in the year it happens.
"""

from datetime import date, timedelta

import pytest

from assessments.engine.answers import Answers
from assessments.engine.evaluate import Result, evaluate
from assessments.engine.reference import ISO, SOC2
from tests.assessments.engine_data import reference_from_files, small_us_saas

ASSESSED_ON = date(2026, 12, 1)


def weeks(n: int) -> date:
    return ASSESSED_ON + timedelta(weeks=n)


def company(**fields) -> Answers:
    """A profile: only what sets the company apart is spelled out; the rest is a small US SaaS."""
    defaults = {
        "selling_now": ("north_america",),
        "segments": ("mid_market",),
        "budget_yearly": 60_000,
        "maturity": "basic",
        "assessed_on": ASSESSED_ON,
    }
    return small_us_saas(**(defaults | fields))


def run(**fields) -> Result:
    return evaluate(company(**fields), reference_from_files())


def added(result: Result) -> tuple[str, ...]:
    return tuple(item.framework for item in result.plan if item.action != "keep")


def kept(result: Result) -> tuple[str, ...]:
    return tuple(item.framework for item in result.plan if item.action == "keep")


def codes(result: Result) -> set[str]:
    return {w.code for w in result.warnings}


def schemes(result: Result) -> set[str]:
    return {s.key for s in result.schemes}


def obligation(result: Result, framework: str):
    return next(o for o in result.obligations if o.framework == framework)


def proof_week(result: Result, framework: str) -> int:
    return obligation(result, framework).proof_week


# --- What buyers demand decides --------------------------------------------------------------


def test_us_saas_whose_customers_ask_for_soc2_gets_soc2_type2():
    result = run(segments=("mid_market", "enterprise"), requests=("soc2",), deals_soc2=3)
    assert (result.verdict, added(result)) == (SOC2, (SOC2,))
    assert result.headline.startswith("SOC 2 Type II")
    assert not result.options[SOC2].plans[0].uses_type1
    assert result.confidence == "high"


def test_us_saas_whose_buyers_ask_for_iso_by_name_gets_iso_alone():
    # Regional and delivery signals point to SOC 2, but a buyer named ISO 27001: that wins.
    result = run(
        segments=("mid_market", "enterprise"),
        regulated_buyers=("finance",),
        requests=("iso27001",),
        deals_iso=2,
    )
    assert (result.verdict, added(result)) == (ISO, (ISO,))
    assert result.confidence == "high"
    assert proof_week(result, ISO) == result.options[ISO].first_proof_week
    assert proof_week(result, ISO) < 60


def test_eu_manufacturers_supplier_asked_and_tendered_for_iso_gets_iso():
    result = run(
        headcount="51-200",
        industry="manufacturing",
        delivery=("on_premise",),
        customer_regions=("eu",),
        selling_now=("eu",),
        segments=("enterprise",),
        requests=("iso27001", "questionnaires"),
        tender_requirements=("iso27001",),
        currency="EUR",
    )
    assert (result.verdict, added(result)) == (ISO, (ISO,))
    assert set(obligation(result, ISO).sources) == {"customers", "tender"}
    assert result.confidence == "high"
    assert result.tsc_scope == ()


def test_both_demanded_without_dates_goes_first_where_more_deals_wait():
    result = run(
        headcount="201-1000",
        customer_regions=("north_america", "eu", "apac"),
        selling_now=("north_america", "eu", "apac"),
        segments=("enterprise",),
        requests=("soc2", "iso27001"),
        deals_soc2=1,
        deals_iso=5,
        budget_amount=400_000,
        budget_yearly=250_000,
        internal_people=3,
        approach="both",
    )
    assert result.verdict == "both"
    assert added(result) == (ISO, SOC2)
    assert result.mode == "parallel"
    assert result.confidence == "high"


def test_both_demanded_goes_first_where_the_deadline_is_sooner():
    result = run(
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        deals_soc2=1,
        deals_iso=4,
        deadline_soc2=weeks(60),
        deadline_iso=weeks(40),
        budget_amount=200_000,
        budget_yearly=120_000,
    )
    assert added(result) == (ISO, SOC2)


def test_a_soc2_deadline_puts_soc2_first_with_a_type1_bridge():
    result = run(
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        deals_soc2=1,
        deals_iso=3,
        deadline_soc2=weeks(22),
        deadline_iso=weeks(70),
        maturity="documented",
        approach="platform",
        budget_amount=200_000,
        budget_yearly=120_000,
    )
    assert added(result) == (SOC2, ISO)
    assert result.options["both"].plans[0].uses_type1
    assert obligation(result, SOC2).status == "on_time"
    # Nobody said the buyer takes a Type I: the report says to confirm it.
    assert "type1_unconfirmed" in codes(result)


def test_signals_only_break_ties_between_equal_obligations():
    eu_heavy = run(
        customer_regions=("eu", "uk", "north_america"),
        selling_now=("eu", "uk"),
        requests=("soc2", "iso27001"),
        budget_amount=200_000,
        budget_yearly=150_000,
    )
    us_heavy = run(
        customer_regions=("north_america", "eu"),
        segments=("enterprise",),
        requests=("soc2", "iso27001"),
        budget_amount=200_000,
        budget_yearly=150_000,
    )
    assert added(eu_heavy)[0] == ISO
    assert added(us_heavy)[0] == SOC2


def test_a_tender_accepting_either_with_a_near_deadline_is_met_with_soc2_type1():
    result = run(
        customer_regions=("north_america", "eu"),
        tender_requirements=("either",),
        deadline_soc2=weeks(16),
        maturity="managed",
        approach="platform",
    )
    assert (result.verdict, added(result)) == (SOC2, (SOC2,))
    assert result.options[SOC2].plans[0].uses_type1
    assert obligation(result, SOC2).status == "on_time"
    assert "type1_unconfirmed" in codes(result)
    assert result.confidence == "medium"


def test_a_tender_accepting_either_from_european_buyers_is_met_with_iso():
    result = run(
        industry="it_services",
        delivery=("services",),
        customer_regions=("eu",),
        selling_now=("eu",),
        segments=("public_sector",),
        tender_requirements=("either",),
        currency="EUR",
    )
    assert (result.verdict, added(result)) == (ISO, (ISO,))
    assert result.confidence == "high"


def test_a_uk_only_firm_is_not_told_its_buyers_are_under_nis2_or_dora():
    result = run(
        industry="fintech",
        customer_regions=("uk",),
        selling_now=("uk",),
        regulated_buyers=("finance",),
        requests=("iso27001",),
        currency="GBP",
    )
    assert result.verdict == ISO
    text = " ".join(r.sentence for r in result.reasons) + " ".join(w.text for w in result.warnings)
    assert "NIS2" not in text and "DORA" not in text
    assert {"dora", "nis2"}.isdisjoint(schemes(result))
    assert "cyber_essentials" in schemes(result)


# --- Deadlines are measured against the proof that was asked for ------------------------------


def test_soc2_holder_who_must_show_iso_in_13_weeks_is_told_it_is_late():
    result = run(
        customer_regions=("north_america", "eu"),
        existing=("soc2_type2",),
        requests=("soc2", "iso27001"),
        deals_iso=2,
        deadline_iso=weeks(13),
        maturity="managed",
    )
    assert result.verdict == "both"
    assert kept(result) == (SOC2,) and added(result) == (ISO,)
    iso = obligation(result, ISO)
    assert iso.status == "late"
    assert iso.proof_week > 13
    late = next(w for w in result.warnings if w.code == "deadline_late")
    assert "ISO 27001" in late.text and "Type I" not in late.text
    assert str(iso.proof_week) in late.text
    assert result.confidence == "medium"


def test_an_iso_deadline_is_never_answered_with_a_soc2_type1():
    result = run(
        customer_regions=("north_america", "eu"),
        requests=("iso27001",),
        deals_iso=1,
        deadline_iso=weeks(20),
    )
    assert added(result) == (ISO,)
    assert SOC2 not in result.order
    assert obligation(result, ISO).status == "late"
    # Before the certificate exists, the report says what can be shown instead.
    assert obligation(result, ISO).interim


def test_a_buyer_who_takes_only_type2_cannot_be_met_in_14_weeks():
    result = run(
        requests=("soc2",),
        deals_soc2=1,
        deadline_soc2=weeks(14),
        soc2_type_needed="type2",
        maturity="managed",
        approach="platform",
    )
    assert result.verdict == SOC2
    assert not result.options[SOC2].plans[0].uses_type1
    assert obligation(result, SOC2).status == "late"
    assert "deadline_late" in codes(result)
    assert result.confidence == "medium"


def test_a_buyer_who_takes_a_type1_can_be_met_in_16_weeks():
    result = run(
        requests=("soc2",),
        deals_soc2=1,
        deadline_soc2=weeks(16),
        soc2_type_needed="type1_ok",
        maturity="managed",
        approach="platform",
    )
    assert result.options[SOC2].plans[0].uses_type1
    assert obligation(result, SOC2).status == "on_time"
    assert not {"deadline_late", "type1_unconfirmed"} & codes(result)
    assert result.confidence == "high"


# --- What the company holds is kept, never recommended as new ---------------------------------


def test_iso_holder_asked_for_its_certificate_keeps_it_and_writes_no_new_isms():
    result = run(
        customer_regions=("eu",),
        selling_now=("eu",),
        existing=("iso27001_2022",),
        requests=("iso27001",),
        iso_expiry=date(2028, 3, 31),
        maturity="managed",
        currency="EUR",
    )
    assert (result.verdict, kept(result), added(result)) == (ISO, (ISO,), ())
    assert result.headline.startswith("Keep ISO 27001")
    assert not any("ISMS essentials" in s for s in result.next_steps)
    assert obligation(result, ISO).status == "held"
    assert result.confidence == "high"


def test_holder_of_both_keeps_both_and_is_not_told_to_start_with_either():
    result = run(
        customer_regions=("north_america", "eu"),
        existing=("soc2_type2", "iso27001_2022"),
        requests=("soc2", "iso27001"),
        maturity="managed",
    )
    assert result.verdict == "both"
    assert set(kept(result)) == {SOC2, ISO} and added(result) == ()
    assert "start with" not in result.headline.lower()
    assert result.headline.startswith("Keep")


def test_soc2_holder_moving_into_europe_is_not_sold_the_soc2_it_has():
    result = run(
        headcount="51-200",
        existing=("soc2_type2",),
        requests=("soc2",),
        selling_planned=("eu",),
        maturity="documented",
    )
    assert SOC2 not in added(result)
    assert kept(result) == (SOC2,)
    assert result.headline.startswith("Keep SOC 2 Type II")
    # ISO is not demanded yet; the report says what would bring it in.
    assert any("ISO 27001" in line for line in result.would_change)


def test_type1_holder_is_guided_to_type2():
    result = run(existing=("soc2_type1",), requests=("soc2",), deals_soc2=2)
    assert result.verdict == SOC2
    item = next(i for i in result.plan if i.framework == SOC2)
    assert item.action == "upgrade"
    plan = result.options[SOC2].plans[0]
    assert not plan.uses_type1
    assert "Type II" in result.headline
    fresh = run(requests=("soc2",), deals_soc2=2)
    assert plan.proofs["soc2_type2"] < fresh.options[SOC2].plans[0].proofs["soc2_type2"]


def test_iso_2013_holder_recertifies_against_2022_with_a_head_start():
    answers = {
        "headcount": "51-200",
        "industry": "it_services",
        "delivery": ("services",),
        "customer_regions": ("eu", "uk"),
        "selling_now": ("eu", "uk"),
        "requests": ("iso27001",),
        "maturity": "documented",
        "currency": "EUR",
    }
    result = run(**answers, existing=("iso27001_2013",))
    assert result.verdict == ISO
    assert "iso_2013_expired" in codes(result)
    assert next(i for i in result.plan if i.framework == ISO).action == "upgrade"
    fresh = run(**answers)
    assert 0 < proof_week(result, ISO) < proof_week(fresh, ISO)


def test_soc2_renewal_is_placed_from_the_end_of_the_current_period():
    result = run(existing=("soc2_type2",), requests=("soc2",), soc2_period_end=weeks(20))
    plan = result.options[SOC2].plans[0]
    renewal = next(p for p in plan.phases if p.key == "soc2_renewal")
    assert renewal.start == 20
    audits = [line for line in result.options[SOC2].cost.lines if line.key == "soc2_type2_audit"]
    assert [line.year for line in audits] == [1, 2, 3]


def test_iso_recertification_is_placed_before_the_certificate_expires():
    result = run(
        customer_regions=("eu",),
        existing=("iso27001_2022",),
        requests=("iso27001",),
        iso_expiry=weeks(30),
        currency="EUR",
    )
    plan = result.options[ISO].plans[0]
    recert = next(p for p in plan.phases if p.key == "iso_recertification")
    assert recert.end <= 30
    keys_year1 = {line.key for line in result.options[ISO].cost.lines if line.year == 1}
    assert "iso_recertification_audit" in keys_year1


def test_tender_accepting_either_is_met_by_a_report_already_held():
    result = run(
        customer_regions=("north_america", "eu"),
        existing=("soc2_type2",),
        tender_requirements=("either",),
    )
    assert (kept(result), added(result)) == ((SOC2,), ())
    assert obligation(result, SOC2).status == "held"


# --- The budget over three years --------------------------------------------------------------


def test_both_demanded_on_15k_a_year_is_sequenced_and_flagged():
    result = run(
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        budget_amount=15_000,
        budget_yearly=15_000,
    )
    assert result.verdict == "both"
    assert result.mode != "parallel"
    assert "budget_over" in codes(result)
    assert result.confidence != "high"
    assert result.budget.cheapest is not None


def test_both_demanded_on_20k_is_never_run_in_parallel():
    result = run(
        headcount="1-10",
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        budget_amount=20_000,
        budget_yearly=None,
    )
    assert result.mode == "sequential"
    second = result.options["both"].plans[1]
    assert second.phases[0].start >= 52


def test_the_second_framework_waits_for_the_first_year_it_fits():
    # Enough for SOC 2 in year 1 but not for both; more money from year 2.
    result = run(
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        deals_soc2=3,
        deals_iso=1,
        budget_amount=46_000,
        budget_yearly=90_000,
    )
    assert result.mode == "sequential"
    assert added(result) == (SOC2, ISO)
    assert result.options["both"].plans[1].phases[0].start >= 52
    for year in result.budget.years:
        assert year.fit != "over"


def test_a_zero_budget_keeps_the_demanded_framework_and_says_it_does_not_fit():
    result = run(requests=("soc2",), deals_soc2=1, budget_amount=0, budget_yearly=0)
    assert result.verdict == SOC2
    assert "budget_over" in codes(result)
    assert not result.budget.fits
    assert result.budget.cheapest is not None
    assert result.confidence == "medium"


def test_a_yearly_budget_below_the_renewals_is_flagged_even_when_year_one_fits():
    result = run(requests=("soc2",), deals_soc2=1, budget_amount=150_000, budget_yearly=5_000)
    assert result.budget.years[0].fit != "over"
    assert any(year.fit == "over" for year in result.budget.years[1:])
    assert "budget_over" in codes(result)


def test_plenty_of_budget_runs_both_alongside():
    result = run(
        headcount="51-200",
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        budget_amount=300_000,
        budget_yearly=200_000,
    )
    assert result.mode == "parallel"
    assert result.budget.fits
    assert "budget_over" not in codes(result)


# --- Nobody has asked yet ---------------------------------------------------------------------


def test_tiny_startup_nobody_has_asked_hears_not_yet():
    result = run(headcount="1-10", requests=("none",), budget_amount=10_000, budget_yearly=10_000)
    assert result.verdict == "not_yet"
    assert result.plan == ()
    assert result.confidence == "low"
    assert result.would_change
    assert "start the audit when the first buyer asks" in result.headline


def test_small_eu_saas_with_no_requests_hears_not_yet_not_both_in_parallel():
    result = run(
        customer_regions=("north_america", "eu", "uk"),
        selling_now=("north_america", "eu", "uk"),
        segments=("smb", "mid_market"),
        requests=("none",),
        budget_amount=150_000,
        budget_yearly=150_000,
    )
    assert result.verdict == "not_yet"
    assert result.mode == ""


def test_questionnaires_alone_do_not_make_an_early_company_start_an_audit():
    result = run(headcount="51-200", requests=("questionnaires",), maturity="ad_hoc")
    assert result.verdict == "not_yet"
    assert result.confidence == "low"


def test_a_large_mature_us_vendor_to_banks_gets_soc2_on_signals_with_low_confidence():
    result = run(
        headcount="201-1000",
        segments=("enterprise",),
        regulated_buyers=("finance",),
        requests=("questionnaires",),
        maturity="documented",
        budget_amount=250_000,
        budget_yearly=150_000,
    )
    assert (result.verdict, added(result)) == (SOC2, (SOC2,))
    assert next(i for i in result.plan if i.framework == SOC2).basis == "signals"
    assert result.confidence == "low"


def test_signals_alone_never_recommend_both():
    result = run(
        headcount="1000+",
        customer_regions=("north_america", "eu", "uk", "apac"),
        selling_now=("north_america", "eu", "uk", "apac"),
        segments=("enterprise",),
        regulated_buyers=("finance", "health"),
        requests=("questionnaires",),
        maturity="managed",
        budget_amount=2_000_000,
        budget_yearly=1_000_000,
    )
    assert result.verdict in (SOC2, ISO)
    assert result.confidence == "low"


def test_a_large_company_without_the_budget_for_an_audit_nobody_asked_for_hears_not_yet():
    result = run(headcount="201-1000", maturity="managed", budget_amount=0, budget_yearly=0)
    assert result.verdict == "not_yet"


# --- The "other" answers are kept -------------------------------------------------------------


def test_an_other_tender_requirement_is_repeated_not_dropped():
    result = run(
        customer_regions=("uk",),
        tender_requirements=("other",),
        tender_other="Cyber Essentials Plus",
        currency="GBP",
    )
    assert any("Cyber Essentials Plus" in text for text in result.other_answers)
    named = next(s for s in result.schemes if s.key == "cyber_essentials_plus")
    assert named.named and named.severity == "required"


def test_a_tender_other_that_names_iso_27001_counts_as_a_tender_for_it():
    result = run(
        customer_regions=("eu",),
        tender_requirements=("other",),
        tender_other="ISO/IEC 27001 certificate and Cyber Essentials",
    )
    # Engine 2.2: the scheme the same words name is demanded too, and planned beside ISO.
    assert added(result) == (ISO, "cyber_essentials")
    assert obligation(result, ISO).sources == ("tender",)


# --- Adjacent schemes an advisor would raise beside the verdict ---------------------------------


def test_an_eu_fintech_selling_to_banks_hears_what_dora_asks_of_ict_suppliers():
    result = run(
        industry="fintech",
        customer_regions=("eu",),
        selling_now=("eu",),
        regulated_buyers=("finance",),
        data_types=("financial", "personal"),
        requests=("iso27001",),
        currency="EUR",
    )
    assert result.verdict == ISO
    assert {"dora", "gdpr"} <= schemes(result)


def test_a_us_vendor_to_federal_agencies_hears_fedramp_is_required_whatever_it_chooses():
    result = run(segments=("public_sector",), regulated_buyers=("us_federal",), requests=("soc2",))
    assert result.verdict == SOC2
    fedramp = next(s for s in result.schemes if s.key == "fedramp")
    assert fedramp.severity == "required"


def test_payment_card_data_brings_pci_dss_and_us_health_data_brings_hipaa():
    cards = run(industry="ecommerce", data_types=("payment_card",), requests=("soc2",))
    assert "pci_dss" in schemes(cards)
    health = run(
        industry="healthtech",
        data_types=("health", "personal"),
        regulated_buyers=("health",),
        requests=("soc2",),
    )
    assert "hipaa" in schemes(health)
    eu_health = run(
        industry="healthtech",
        customer_regions=("eu",),
        selling_now=("eu",),
        data_types=("health",),
        requests=("iso27001",),
    )
    assert "hipaa" not in schemes(eu_health)


def test_a_german_automotive_supplier_hears_of_tisax():
    result = run(
        headcount="51-200",
        industry="automotive",
        delivery=("services",),
        customer_regions=("eu",),
        selling_now=("eu",),
        requests=("iso27001",),
        currency="EUR",
    )
    assert result.verdict == ISO
    assert "tisax" in schemes(result)


# --- Confidence -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"requests": ("none",)},
        {"requests": ("questionnaires",), "headcount": "201-1000", "maturity": "managed"},
        {"existing": ("soc2_type2",), "requests": ("none",)},
    ],
)
def test_confidence_is_low_when_nobody_has_named_a_framework(fields):
    assert run(**fields).confidence == "low"


def test_when_budget_delays_a_dated_second_framework_the_report_says_what_alongside_costs():
    result = run(
        headcount="51-200",
        customer_regions=("north_america", "eu"),
        selling_now=("north_america", "eu"),
        segments=("mid_market", "enterprise"),
        requests=("soc2",),
        tender_requirements=("iso27001",),
        deals_soc2=2,
        deadline_soc2=weeks(20),
        deals_iso=1,
        deadline_iso=weeks(60),
        budget_amount=130_000,
        budget_yearly=100_000,
        approach="platform",
        maturity="documented",
    )
    assert added(result) == (SOC2, ISO)
    assert result.mode == "sequential"
    assert obligation(result, ISO).status == "late"
    assert any("alongside instead would meet every date" in line for line in result.would_change)
