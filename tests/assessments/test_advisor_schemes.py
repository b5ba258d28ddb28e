"""Demanded schemes (issue #21): whole companies whose buyers name a scheme besides SOC 2 and ISO.

Every expectation here was written from public guidance and an advisor's judgement before the
engine for these fields existed (the API is `/tmp/spec21.md`); none was read off the engine.
Sources, by scheme owner first, then the practitioners who publish figures:
- FedRAMP: the FedRAMP PMO at GSA, fedramp.gov "The FedRAMP Rev5 Agency Authorization Path" and
  the Agency Authorization Playbook v4.0: a readiness assessment by a recognised 3PAO, then an
  agency partnership, a full 3PAO assessment, the agency's review and ATO, a FedRAMP review, and
  continuous monitoring after it. Practitioners put Moderate at 12-24 months (cisguard.io) or
  12-18 months (elevatediq.ai), with the 3PAO assessment alone at $150k-800k and the programme
  at $500k-1.5M. Most federal SaaS lands at Moderate (legalclarity.org citing FedRAMP).
- PCI DSS: the PCI Security Standards Council owns the standard; the card brands and acquirers
  decide who validates how. Level 1 service providers need a Report on Compliance by a QSA with
  an Attestation of Compliance, every year (reciprocity.com, paystrax.com on the brands' levels).
  A first validation takes about 3-9 months from scoping to report (dsalta.com).
- Cyber Essentials and Cyber Essentials Plus: Cabinet Office PPN 09/23 "Updates to the Cyber
  Essentials Scheme" (gov.uk) makes CE or CE+ a condition of certain central-government and NHS
  contracts. IASME (the NCSC's delivery partner), "How to certify to Cyber Essentials" and "How to
  recertify": a verified self-assessment, GBP 300 + VAT for a micro organisation on a sliding
  scale, six months to finish, valid 12 months. CE+ is a technical audit that must follow a CE
  certificate within three months (certification-body FAQs: isgovern.com, mcl.co.im); a basic
  CE+ for a small firm is a few thousand pounds (cybersecurityessential.com).
- TISAX: ENX Association, TISAX Participant Handbook (enx.com/handbook): assessment levels 2 and
  3, AL3 is on site. The assessment must be finished within nine months of starting, and labels
  last three years (bayern-innovativ.de summarising the process, isms-connect.com). An ISO 27001
  certificate is not a condition of a TISAX label.
- BSI C5: BSI "C5 Einführung" and "FAQ C5" (bsi.bund.de): an auditor attests the criteria, a
  Type 1 report at a point in time, a Type 2 report over a period in which the controls must have
  worked throughout; the criteria draw on ISO/IEC 27001. German health cloud services need a C5
  attestation under section 393 SGB V, Type 2 from July 2025 (arvato-systems.de, fuentis.com);
  Type 2 periods usually run 6-12 months (conformscan.com).
- NHS DSPT: NHS England's Data Security and Protection Toolkit is a yearly online
  self-assessment against the National Data Guardian's ten standards, due by 30 June, for every
  organisation with access to NHS patient data and systems, suppliers included (naqcyber.com,
  medflowdynamics.co.uk). NHS buyers ask for it next to CE+ and ISO 27001.
- HIPAA: HHS Office for Civil Rights: business associates are directly liable under the
  Security Rule since the 2013 Omnibus Rule, and a Business Associate Agreement is a contract,
  not a certificate. HHS says it does not endorse or recognise private "HIPAA certifications"
  (quoted by compliancejunction.com). HIPAA is complied with, never obtained, and has no fee.
- ISO/IEC 42001:2023 (ISO): a certifiable AI management system standard with the same structure
  as ISO 27001; accredited certification bodies audit it in two stages on a three-year cycle
  (glocertinternational.com, grecta.com); a first certificate takes about 4-12 months
  (bastion.tech, aiactready.co.uk).
- UK GDPR: it reaches organisations outside the UK that offer goods or services to people in
  the UK (Article 3(2), as the ICO describes it; legalvision.co.uk). So a market the company only
  plans to enter brings the law later, when it starts to sell there.
"""

from datetime import date, timedelta

import pytest

from assessments.engine.answers import Answers
from assessments.engine.evaluate import Result, evaluate
from tests.assessments.engine_data import reference_from_files, small_us_saas

ASSESSED_ON = date(2026, 12, 6)
SOC2, ISO = "soc2", "iso27001"
CE, CE_PLUS = "cyber_essentials", "cyber_essentials_plus"
# The advice given to a company nobody has asked yet; a company with a demanded scheme never
# gets it.
WAIT_WORDS = ("start the audit when the first buyer asks", "Build readiness now")


# --- Helpers -------------------------------------------------------------------------------------


def weeks(n: int) -> date:
    return ASSESSED_ON + timedelta(weeks=n)


def demand(key: str, deadline: date | None = None, deals: int = 1) -> dict:
    """One entry of `demanded_schemes`: the scheme a buyer or tender names, its date and deals."""
    return {key: {"deadline": deadline, "deals": deals}}


def company(**fields) -> Answers:
    """A small US SaaS; each profile spells out what sets it apart."""
    defaults = {
        "selling_now": ("north_america",),
        "segments": ("mid_market",),
        "maturity": "basic",
        "assessed_on": ASSESSED_ON,
    }
    return small_us_saas(**(defaults | fields))


def uk_company(**fields) -> Answers:
    """A small UK IT services firm selling to the public sector, priced in pounds."""
    defaults = {
        "industry": "it_services",
        "delivery": ("services", "saas"),
        "customer_regions": ("uk",),
        "selling_now": ("uk",),
        "segments": ("public_sector", "mid_market"),
        "public_sector_countries": ("uk",),
        "budget_amount": 15_000,
        "currency": "GBP",
    }
    return company(**(defaults | fields))


def german_supplier(**fields) -> Answers:
    """A German automotive parts supplier, priced in euros."""
    defaults = {
        "headcount": "51-200",
        "industry": "automotive",
        "delivery": ("services",),
        "customer_regions": ("eu",),
        "selling_now": ("eu",),
        "segments": ("enterprise",),
        "budget_amount": 120_000,
        "currency": "EUR",
        "maturity": "documented",
    }
    return company(**(defaults | fields))


def run(answers: Answers) -> Result:
    return evaluate(answers, reference_from_files())


def item(result: Result, key: str):
    """The plan's entry for a framework or scheme, or None."""
    return next((i for i in result.plan if i.framework == key), None)


def planned(result: Result) -> set[str]:
    return {i.framework for i in result.plan}


def added(result: Result) -> set[str]:
    return {i.framework for i in result.plan if i.action == "add"}


def obligation(result: Result, key: str):
    return next(o for o in result.obligations if o.framework == key)


def scheme_plan(result: Result, key: str):
    return next(p for p in result.scheme_plans if p.framework == key)


def match(result: Result, key: str):
    return next(m for m in result.schemes if m.key == key)


def chosen_lines(result: Result):
    """The cost lines of the recommended route (the schemes-only route when nothing else is)."""
    return result.options[result.verdict].cost.lines


def cash_by_year(result: Result, keys: set[str]) -> dict[int, int]:
    """The typical cash the named frameworks or schemes cost in each year of the plan."""
    totals: dict[int, int] = {}
    for line in chosen_lines(result):
        if line.framework in keys and line.kind == "cash":
            totals[line.year] = totals.get(line.year, 0) + line.amount.typical
    return totals


def before(result: Result, first: str, second: str) -> bool:
    return result.path.index(first) < result.path.index(second)


def told_to_wait(result: Result) -> bool:
    return any(words in result.headline for words in WAIT_WORDS)


# --- 1. FedRAMP Moderate next to SOC 2 Type II ----------------------------------------------------


def fedramp_company() -> Answers:
    return company(
        headcount="51-200",
        segments=("enterprise", "public_sector"),
        regulated_buyers=("us_federal",),
        public_sector_countries=("us",),
        tender_requirements=("soc2",),
        soc2_type_needed="type2",
        deals_soc2=1,
        demanded_schemes=demand("fedramp"),
        budget_amount=90_000,
        maturity="documented",
        approach="consultant",
        internal_people=2.0,
    )


# A federal tender wants FedRAMP Moderate and a SOC 2 Type II. The advisor plans both, with
# SOC 2 in hand first: FedRAMP is a programme of well over a year (readiness assessment, 3PAO
# assessment, agency review and ATO), so it is neither fast nor cheap enough for "high" confidence.
def test_fedramp_beside_soc2_is_planned_and_takes_well_over_a_year():
    result = run(fedramp_company())
    assert item(result, "fedramp") is not None
    assert (item(result, "fedramp").action, item(result, "fedramp").basis) == ("add", "obligation")
    assert "fedramp" in {p.framework for p in result.scheme_plans}
    assert SOC2 in planned(result)
    fedramp = obligation(result, "fedramp")
    assert fedramp.asked == fedramp.proof == "fedramp"
    assert fedramp.status == "open"
    assert fedramp.proof_week > 52
    # Even the published best cases are 8-15 months: no fast programme does it in six.
    assert fedramp.proof_week_fast > 26
    assert obligation(result, SOC2).proof_week < fedramp.proof_week
    assert result.confidence != "high"
    assert "FedRAMP" in result.headline and "SOC 2" in result.headline
    assert not told_to_wait(result)


# The 3PAO assessment alone is quoted at $150k-800k and a Moderate programme at $500k-1.5M, so a
# $90k yearly budget cannot carry SOC 2 and FedRAMP together.
def test_fedramp_costs_several_hundred_thousand_and_breaks_a_90k_budget():
    result = run(fedramp_company())
    assert sum(cash_by_year(result, {"fedramp"}).values()) >= 150_000
    assert result.budget.fits is False
    assert result.budget.over


# The agency's review and ATO is a wait on someone else, which no amount of work shortens.
def test_fedramp_plan_includes_a_wait_on_the_agency():
    result = run(fedramp_company())
    assert "wait" in {phase.kind for phase in scheme_plan(result, "fedramp").phases}


# --- 2. PCI DSS Report on Compliance with SOC 2 ---------------------------------------------------


def payments_company(**fields) -> Answers:
    defaults = {
        "headcount": "51-200",
        "industry": "fintech",
        "data_types": ("payment_card", "financial", "personal"),
        "segments": ("mid_market", "enterprise"),
        "requests": ("soc2",),
        "deals_soc2": 3,
        "soc2_type_needed": "type2",
        "demanded_schemes": demand("pci_dss", deals=2),
    }
    return company(**(defaults | fields))


# A payments processor asked for SOC 2 whose acquirer wants a QSA-signed ROC: both are planned,
# and the ROC has QSA and preparation costs of its own.
def test_payments_company_plans_pci_roc_and_soc2_with_pci_cost_lines():
    result = run(payments_company(budget_amount=400_000, budget_yearly=250_000))
    assert {SOC2, "pci_dss"} <= planned(result)
    assert (item(result, "pci_dss").action, item(result, "pci_dss").basis) == ("add", "obligation")
    assert "pci_dss" in {p.framework for p in result.scheme_plans}
    pci_lines = [line for line in chosen_lines(result) if line.framework == "pci_dss"]
    assert pci_lines
    assert all(line.amount.typical > 0 for line in pci_lines)


# A documented company with a consultant, two people and a generous budget, no dates: a first ROC
# is 3-9 months of work, so the plan meets what is demanded within budget and the advisor is sure.
def test_pci_and_soc2_within_budget_and_without_dates_is_said_with_high_confidence():
    result = run(
        payments_company(
            maturity="documented",
            approach="consultant",
            internal_people=2.0,
            budget_amount=400_000,
            budget_yearly=250_000,
        )
    )
    assert obligation(result, "pci_dss").status == "open"
    assert obligation(result, "pci_dss").proof_week <= 52
    assert result.budget.fits
    assert result.confidence == "high"


# The acquirer wants the ROC in two months from a company with little written down: nobody
# remediates and gets a QSA's report that fast, so the date is missed and confidence drops.
def test_a_pci_roc_wanted_in_eight_weeks_is_late_and_confidence_is_not_high():
    result = run(
        payments_company(
            demanded_schemes=demand("pci_dss", weeks(8), 2),
            budget_amount=400_000,
            budget_yearly=250_000,
        )
    )
    assert obligation(result, "pci_dss").status in ("late", "at_risk")
    assert result.confidence != "high"


# --- 3. Cyber Essentials Plus alone ---------------------------------------------------------------


def ce_plus_tender(**fields) -> Answers:
    defaults = {"demanded_schemes": demand(CE_PLUS, weeks(13), 1)}
    return uk_company(**(defaults | fields))


# A UK public-sector tender wants CE+ in three months and nobody asked for SOC 2 or ISO. The
# advisor says: Cyber Essentials now, the CE+ audit right after it. No waiting for a buyer.
def test_ce_plus_tender_gets_cyber_essentials_first_and_is_never_told_to_wait():
    result = run(ce_plus_tender())
    assert not told_to_wait(result)
    assert "Cyber Essentials Plus" in result.headline
    assert (item(result, CE).action, item(result, CE).basis) == ("add", "prerequisite")
    assert (item(result, CE_PLUS).action, item(result, CE_PLUS).basis) == ("add", "obligation")
    assert before(result, CE, CE_PLUS)
    assert {CE, CE_PLUS} <= {p.framework for p in result.scheme_plans}


# The self-assessment takes a small firm a couple of weeks and is marked in days; the CE+ audit
# must follow within three months. A typical programme has CE+ in hand inside the tender's date.
def test_ce_plus_is_in_hand_within_about_three_months():
    result = run(ce_plus_tender())
    ce_plus = obligation(result, CE_PLUS)
    assert ce_plus.status == "on_time"
    assert ce_plus.proof_week <= 13


# IASME prices CE at a few hundred pounds on a sliding scale and a small firm's CE+ audit costs a
# few thousand: the two together stay well under GBP 10k in any year.
def test_ce_plus_costs_are_modest_and_in_pounds():
    result = run(ce_plus_tender())
    assert result.options[result.verdict].cost.currency == "GBP"
    assert any(line.framework == CE_PLUS for line in chosen_lines(result))
    per_year = cash_by_year(result, {CE, CE_PLUS})
    assert per_year
    assert all(0 < amount < 10_000 for amount in per_year.values())


# --- 4. Cyber Essentials Plus with ISO 27001 -----------------------------------------------------


# One UK tender asks for both by the same date. CE+ takes weeks, an ISO certificate most of a
# year, so the advisor leads with CE+ and names both in the headline.
def test_ce_plus_and_iso_are_both_planned_with_ce_plus_first():
    result = run(
        uk_company(
            tender_requirements=("iso27001",),
            deadline_iso=weeks(52),
            deals_iso=1,
            demanded_schemes=demand(CE_PLUS, weeks(52), 1),
            budget_amount=60_000,
        )
    )
    assert {CE_PLUS, ISO} <= planned(result)
    assert before(result, CE_PLUS, ISO)
    assert obligation(result, CE_PLUS).proof_week < obligation(result, ISO).proof_week
    assert "Cyber Essentials Plus" in result.headline and "ISO" in result.headline
    assert result.headline.index("Cyber Essentials Plus") < result.headline.index("ISO")


# --- 5. TISAX for a German automotive supplier -----------------------------------------------------


# An OEM makes a TISAX label (AL3, very high protection needs) a condition of the next contract.
# ENX gives nine months to finish the assessment once started; with an ISMS that is already
# written down the label comes in roughly six months to a year, and no ISO certificate is needed
# before it.
def test_german_automotive_supplier_gets_tisax_within_six_to_twelve_months():
    result = run(german_supplier(demanded_schemes=demand("tisax", weeks(52), 2)))
    assert (item(result, "tisax").action, item(result, "tisax").basis) == ("add", "obligation")
    assert not told_to_wait(result)
    assert "TISAX" in result.headline
    assert 22 <= obligation(result, "tisax").proof_week <= 56
    assert not any(i.basis == "prerequisite" for i in result.plan)
    assert any(line.framework == "tisax" for line in chosen_lines(result))


# --- 6. BSI C5 Type 2 with ISO 27001 ----------------------------------------------------------------


def german_cloud_company(c5_deadline: date) -> Answers:
    return company(
        headcount="51-200",
        industry="healthtech",
        delivery=("saas", "cloud_infra"),
        data_types=("health", "personal"),
        customer_regions=("eu",),
        selling_now=("eu",),
        segments=("enterprise", "public_sector"),
        regulated_buyers=("health",),
        public_sector_countries=("de",),
        tender_requirements=("iso27001",),
        deadline_iso=weeks(78),
        deals_iso=1,
        demanded_schemes=demand("bsi_c5", c5_deadline, 1),
        budget_amount=250_000,
        currency="EUR",
        maturity="documented",
        approach="consultant",
        internal_people=2.0,
    )


# A German health tender wants ISO 27001 and a C5 Type 2 attestation. C5's criteria build on ISO
# 27001, so the ISMS and certificate come first and C5 reuses them; the Type 2 report covers a
# period in which the controls must be seen working, which cannot be shortened.
def test_c5_type2_follows_iso_and_has_an_observation_window():
    result = run(german_cloud_company(weeks(78)))
    assert {ISO, "bsi_c5"} <= planned(result)
    assert before(result, ISO, "bsi_c5")
    assert "window" in {phase.kind for phase in scheme_plan(result, "bsi_c5").phases}


# Six months is not enough for readiness, a Type 2 period and the auditor's report: the C5 date
# is missed and the advisor cannot be sure of the plan.
def test_a_c5_type2_needed_in_six_months_is_late_and_confidence_is_not_high():
    result = run(german_cloud_company(weeks(26)))
    assert obligation(result, "bsi_c5").status in ("late", "at_risk")
    assert result.confidence != "high"


# --- 7. NHS DSPT with Cyber Essentials Plus and ISO 27001 ------------------------------------------


# An NHS trust's tender asks a UK health software supplier for a DSPT "Standards Met" return,
# CE+ and ISO 27001. The self-assessment and CE+ are weeks of work; the certificate is the long
# one, so it comes last.
def test_nhs_supplier_plans_dspt_and_ce_plus_before_iso():
    result = run(
        uk_company(
            industry="healthtech",
            delivery=("saas",),
            data_types=("health", "personal"),
            regulated_buyers=("health",),
            segments=("public_sector",),
            tender_requirements=("iso27001",),
            deadline_iso=weeks(52),
            deals_iso=1,
            demanded_schemes=demand("nhs_dspt", weeks(52)) | demand(CE_PLUS, weeks(52)),
            budget_amount=60_000,
        )
    )
    assert {"nhs_dspt", CE_PLUS, ISO} <= planned(result)
    assert before(result, "nhs_dspt", ISO)
    assert before(result, CE_PLUS, ISO)
    assert not told_to_wait(result)


# --- 8. HIPAA with SOC 2 ----------------------------------------------------------------------------


# A hospital will sign only with a BAA and asks for SOC 2. HIPAA is a law the company complies
# with as a business associate: there is no certificate to obtain and no fee, so it is in the
# plan as "comply", with no plan of its own and no cost line; SOC 2 is still the report to get.
def test_hipaa_is_complied_with_next_to_soc2_and_costs_nothing_of_its_own():
    result = run(
        company(
            industry="healthtech",
            data_types=("health", "personal"),
            regulated_buyers=("health",),
            segments=("enterprise",),
            requests=("soc2",),
            deals_soc2=2,
            demanded_schemes=demand("hipaa", deals=1),
        )
    )
    assert (item(result, "hipaa").action, item(result, "hipaa").basis) == ("comply", "obligation")
    assert obligation(result, "hipaa").status == "applies"
    assert "hipaa" not in {p.framework for p in result.scheme_plans}
    assert all(
        line.framework != "hipaa"
        for option in result.options.values()
        for line in option.cost.lines
    )
    assert SOC2 in planned(result)
    assert match(result, "hipaa").demanded


# --- 9. ISO/IEC 42001 for an AI vendor ---------------------------------------------------------


# An enterprise buyer asks an AI product company for ISO/IEC 42001. It is certified by accredited
# bodies in two audit stages like ISO 27001, so it is planned and it costs audit and preparation
# money.
def test_ai_vendor_asked_for_iso42001_gets_it_planned_with_costs():
    result = run(
        company(
            ai_use="provides",
            segments=("enterprise",),
            demanded_schemes=demand("iso42001", deals=1),
            budget_amount=120_000,
        )
    )
    assert (item(result, "iso42001").action, item(result, "iso42001").basis) == (
        "add",
        "obligation",
    )
    assert "iso42001" in {p.framework for p in result.scheme_plans}
    assert any(line.framework == "iso42001" for line in chosen_lines(result))
    assert match(result, "iso42001").demanded
    assert not told_to_wait(result)


# --- 10. A market the company only plans to enter ---------------------------------------------


# A US company holding personal data that plans to sell in the UK: UK GDPR reaches it once it
# offers its service to people there, so it is "later", not "required" today. Selling there now
# makes it required.
@pytest.mark.parametrize(
    ("markets", "severity"),
    [
        ({"selling_planned": ("uk",)}, "later"),
        ({"selling_now": ("north_america", "uk")}, "required"),
    ],
)
def test_uk_gdpr_applies_later_for_a_planned_market_and_now_for_a_current_one(markets, severity):
    result = run(company(data_types=("personal",), **markets))
    assert match(result, "uk_gdpr").severity == severity


# --- What is demanded, held or dated -----------------------------------------------------------------


# A firm that already holds CE+ keeps it (renewed every year) and is never told to get it, or the
# CE it rests on, again.
def test_a_held_demanded_scheme_is_kept_not_added():
    result = run(
        uk_company(
            existing=("other",),
            existing_other="Cyber Essentials Plus",
            demanded_schemes=demand(CE_PLUS, weeks(13), 1),
        )
    )
    assert item(result, CE_PLUS).action == "keep"
    assert CE_PLUS not in added(result)
    assert CE not in added(result)
    assert obligation(result, CE_PLUS).status == "held"


# A buyer who names a scheme without a date is still a demand: it is planned, its status is open,
# and the company is not told to wait.
def test_a_demanded_scheme_without_a_deadline_is_planned_and_open():
    result = run(uk_company(demanded_schemes=demand(CE_PLUS, None, 2)))
    assert item(result, CE_PLUS).action == "add"
    assert obligation(result, CE_PLUS).status == "open"
    assert obligation(result, CE_PLUS).deadline is None
    assert not told_to_wait(result)


# What the user types counts: a tender's "other" text or the "another scheme" answer that names
# TISAX demands it, without a date.
@pytest.mark.parametrize(
    "typed",
    [
        {"tender_requirements": ("other",), "tender_other": "the tender requires TISAX"},
        {"scheme_other": "Our OEM customer asks for TISAX"},
    ],
    ids=["tender_other", "scheme_other"],
)
def test_a_scheme_named_in_free_text_counts_as_demanded(typed):
    result = run(german_supplier(**typed))
    assert (item(result, "tisax").action, item(result, "tisax").basis) == ("add", "obligation")
    assert obligation(result, "tisax").status == "open"
    assert match(result, "tisax").demanded
    assert not told_to_wait(result)
