"""Whole companies through the engine: each profile is what a real CTO might answer."""

from datetime import date

from assessments.engine.answers import Answers
from assessments.engine.evaluate import Result, evaluate
from assessments.engine.reference import ISO, SOC2
from tests.assessments.engine_data import reference_from_files

ASSESSED_ON = date(2026, 11, 28)


def company(**fields) -> Answers:
    """A profile: only what sets the company apart is spelled out; the rest is a small SaaS."""
    defaults = {
        "headcount": "11-50",
        "industry": "saas",
        "delivery": ("saas",),
        "customer_regions": ("north_america",),
        "budget_amount": 80_000,
        "currency": "USD",
        "assessed_on": ASSESSED_ON,
    }
    return Answers(**(defaults | fields))


def run(**fields) -> Result:
    return evaluate(company(**fields), reference_from_files())


def factors(result: Result) -> set[str]:
    return {r.factor for r in result.reasons}


def warning_codes(result: Result) -> set[str]:
    return {w.code for w in result.warnings}


def test_us_only_saas_with_soc2_requests_gets_soc2_type2():
    result = run(
        segments=("mid_market", "enterprise"),
        requests=("soc2",),
        selling_now=("north_america",),
        deals_at_stake=3,
    )
    assert (result.verdict, result.order) == (SOC2, (SOC2,))
    assert not result.options[SOC2].plans[0].uses_type1
    assert result.headline == "SOC 2 Type II"
    assert result.confidence == "high"
    assert result.reasons[0].factor == "customers_request_soc2"
    assert {"customers_north_america", "saas_delivery"} <= factors(result)
    assert "3 deals" in result.reasons[0].sentence
    assert result.scores[ISO] == 0
    assert result.options[SOC2].cost.first_year_fit == "fits"


def test_eu_manufacturers_supplier_gets_iso():
    result = run(
        headcount="51-200",
        industry="manufacturing",
        delivery=("on_premise",),
        customer_regions=("eu",),
        selling_now=("eu",),
        segments=("enterprise",),
        requests=("iso27001", "questionnaires"),
        currency="EUR",
    )
    assert (result.verdict, result.order) == (ISO, (ISO,))
    assert {"customers_request_iso", "customers_eu", "org_wide_delivery"} <= factors(result)
    assert result.confidence == "high"
    assert result.tsc_scope == ()
    assert result.options[ISO].cost.currency == "EUR"


def test_multinational_with_both_requests_gets_both():
    result = run(
        headcount="201-1000",
        customer_regions=("north_america", "eu", "apac"),
        segments=("enterprise",),
        requests=("soc2", "iso27001"),
        budget_amount=400_000,
        internal_people=3,
        approach="both",
    )
    assert result.verdict == "both"
    assert set(result.order) == {SOC2, ISO}
    assert result.mode == "parallel"
    assert result.confidence == "high"
    assert "multinational_presence" in factors(result)
    second = result.options["both"].plans[1]
    assert second.phases[0].start < 52


def test_tiny_budget_with_both_pulls_is_sequenced_not_parallel():
    result = run(
        headcount="1-10",
        customer_regions=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        budget_amount=20_000,
    )
    assert result.verdict == "both"
    assert result.mode == "sequential"
    first, second = result.options["both"].plans
    assert (first.framework, second.framework) == result.order
    assert second.phases[0].start >= 52
    assert "in the following budget year" in result.headline


def test_tight_deadline_starts_with_soc2_type1():
    result = run(
        requests=("soc2",),
        deals_at_stake=1,
        deadline=date(2027, 6, 30),
        approach="platform",
    )
    soc2 = result.options[SOC2]
    assert result.verdict == SOC2
    assert soc2.plans[0].uses_type1
    assert result.headline == "SOC 2 Type I → SOC 2 Type II"
    assert "tight_deadline" in factors(result)
    assert soc2.meets_deadline is True
    assert result.options[ISO].meets_deadline is False
    assert not {"deadline_unreachable", "deadline_tight"} & warning_codes(result)


def test_eu_public_sector_gets_iso():
    result = run(
        industry="it_services",
        delivery=("services",),
        customer_regions=("eu",),
        segments=("public_sector",),
        regulated_buyers=("government",),
        tender_requirements=("iso27001",),
        currency="EUR",
    )
    assert result.verdict == ISO
    assert {"tender_requires_iso", "public_sector_buyers", "regulated_eu"} <= factors(result)
    assert result.scores[SOC2] == 0
    assert result.confidence == "high"


def test_iso_request_with_a_tight_deadline_is_not_redirected_to_soc2_type1():
    result = run(
        customer_regions=("north_america", "eu"),
        requests=("iso27001",),
        deals_at_stake=1,
        deadline=date(2027, 5, 31),
    )
    assert result.order[0] == ISO
    assert result.verdict == ISO


ISO_2013_HOLDER = {
    "headcount": "51-200",
    "industry": "it_services",
    "delivery": ("services",),
    "customer_regions": ("eu", "uk"),
    "existing": ("iso27001_2013",),
    "maturity": "documented",
    "currency": "EUR",
}


def test_iso_2013_holder_is_warned_and_pointed_to_2022():
    result = run(**ISO_2013_HOLDER)
    assert result.verdict == ISO
    assert "iso_2013_expired" in warning_codes(result)
    assert "holds_iso_2013" in factors(result)
    assert "holds_iso" not in factors(result)
    plan = result.options[ISO].plans[0]
    assert plan.first_proof == "ISO 27001:2022 certificate"
    assert "iso_initial_audit" in {line.key for line in result.options[ISO].cost.lines}
    # The old ISMS is a head start, not a certificate.
    fresh = run(**(ISO_2013_HOLDER | {"existing": ()}))
    assert 0 < plan.first_proof_week < fresh.options[ISO].first_proof_week


def test_us_federal_buyer_gets_fedramp_warning():
    result = run(segments=("public_sector",), regulated_buyers=("us_federal",), requests=("soc2",))
    assert result.verdict == SOC2
    assert "fedramp" in warning_codes(result)
    assert next(w for w in result.warnings if w.code == "fedramp").severity == "danger"


def test_us_only_public_sector_seller_earns_no_iso_points_for_public_bodies():
    result = run(segments=("public_sector",), regulated_buyers=("us_federal",))
    assert "public_sector_buyers" not in factors(result)
    assert result.scores[ISO] == 0


def test_card_data_brings_pci_warning():
    result = run(
        industry="ecommerce",
        data_types=("payment_card", "personal"),
        segments=("smb",),
        requests=("questionnaires",),
    )
    assert result.verdict == SOC2
    assert "pci_dss" in warning_codes(result)
    assert "Privacy" in {s.name for s in result.tsc_scope}


def test_us_health_data_brings_hipaa_warning():
    result = run(
        industry="healthtech",
        data_types=("health", "personal"),
        regulated_buyers=("health",),
        requests=("soc2",),
    )
    assert result.verdict == SOC2
    assert "regulated_finance_health_us" in factors(result)
    health = next(w for w in result.warnings if w.code == "health_data")
    assert "HIPAA" in health.text
    eu_only = run(customer_regions=("eu",), data_types=("health",))
    assert "HIPAA" not in next(w for w in eu_only.warnings if w.code == "health_data").text


SOC2_HOLDER_SIGNING_EU = {
    "customer_regions": ("north_america", "eu"),
    "existing": ("soc2_type2",),
    "requests": ("soc2", "iso27001"),
    "maturity": "managed",
}


def test_soc2_type2_holder_asked_for_iso_in_eu_keeps_soc2_and_adds_iso():
    result = run(**SOC2_HOLDER_SIGNING_EU)
    assert result.verdict == "both"
    assert result.order == (SOC2, ISO)
    soc2 = result.options[SOC2]
    assert soc2.first_proof_week == 0
    assert {line.key for line in soc2.cost.lines} == {"soc2_type2_audit"}
    assert [line.year for line in soc2.cost.lines] == [1, 2, 3]
    assert "holds_soc2" in factors(result)


def test_soc2_type2_holder_adding_iso_in_parallel_starts_iso_at_once():
    result = run(**SOC2_HOLDER_SIGNING_EU)
    assert result.mode == "parallel"
    iso = result.options["both"].plans[1]
    assert iso.phases[0].start < 13
    assert iso.first_proof_week <= result.options[ISO].first_proof_week + 13


def test_iso_2022_holder_entering_us_keeps_iso_first_and_adds_soc2():
    result = run(
        customer_regions=("eu", "north_america"),
        existing=("iso27001_2022",),
        requests=("soc2", "iso27001"),
        maturity="managed",
        budget_amount=150_000,
        currency="EUR",
    )
    assert (result.verdict, result.order, result.mode) == ("both", (ISO, SOC2), "parallel")
    assert result.options["both"].plans[1].phases[0].start < 13
    assert "iso_2013_expired" not in warning_codes(result)


def test_no_signal_early_startup_gets_low_confidence():
    result = run(
        headcount="1-10",
        industry="other",
        delivery=("on_premise",),
        customer_regions=("latam",),
        requests=("none",),
        maturity="ad_hoc",
        budget_amount=10_000,
    )
    assert result.confidence == "low"
    assert max(result.scores.values()) < 20
    assert not {"customers_request_soc2", "customers_request_iso"} & factors(result)


def test_apac_only_services_firm_gets_iso():
    result = run(
        industry="it_services",
        delivery=("services",),
        customer_regions=("apac",),
        selling_now=("apac",),
    )
    assert result.verdict == ISO
    assert {"customers_apac", "selling_international", "org_wide_delivery"} <= factors(result)
    assert "customers_north_america" not in factors(result)
    assert result.confidence == "medium"


def test_uk_fintech_selling_to_european_banks_gets_iso():
    result = run(
        industry="fintech",
        customer_regions=("uk", "eu"),
        data_types=("financial", "personal"),
        regulated_buyers=("finance",),
        segments=("enterprise",),
        requests=("questionnaires",),
        currency="GBP",
    )
    assert result.verdict == ISO
    assert {"customers_uk", "customers_eu", "regulated_eu"} <= factors(result)
    assert "regulated_finance_health_us" not in factors(result)
    assert result.options[ISO].cost.currency == "GBP"


def test_signing_a_german_customer_moves_a_us_saas_towards_iso():
    before = run(requests=("soc2",))
    after = run(requests=("soc2", "iso27001"), customer_regions=("north_america", "eu"))
    assert before.verdict == SOC2
    assert after.scores[ISO] > before.scores[ISO]
    assert after.verdict == "both"
    assert after.order[0] == SOC2
