"""Each adjacent scheme in frameworks/data against a company it fits and one it narrowly does not.

The expectations come from the schemes' own guidance (who must comply), written before the run:
DORA and NIS2 reach EU markets only, Cyber Essentials and UK GDPR the UK, FedRAMP US federal
cloud buyers, TISAX the automotive supply chain, C5 cloud services for the German public sector.
"""

import pytest

from assessments.engine.answers import Answers
from assessments.engine.schemes import schemes_match
from tests.assessments.engine_data import reference_from_files, small_us_saas


def company(**fields) -> Answers:
    """A small US SaaS holding no personal data; each profile changes what sets it apart."""
    return small_us_saas(**({"segments": ("mid_market",)} | fields))


def applying(answers: Answers) -> dict[str, str]:
    """Key -> severity of every scheme that applies."""
    matches = schemes_match(answers=answers, schemes=reference_from_files().schemes)
    return {m.key: m.severity for m in matches}


UK = {"customer_regions": ("uk",), "selling_now": ("uk",)}
EU = {"customer_regions": ("eu",), "selling_now": ("eu",)}
CASES = [
    # (scheme, severity, a profile it fits, a near miss)
    ("pci_dss", "required", {"data_types": ("payment_card",)}, {"data_types": ("financial",)}),
    (
        "fedramp",
        "required",
        {"regulated_buyers": ("us_federal",), "delivery": ("saas",)},
        {"regulated_buyers": ("us_federal",), "delivery": ("on_premise",)},
    ),
    (
        "fedramp",
        "required",
        {"public_sector_countries": ("us",), "segments": ("public_sector",)},
        {"public_sector_countries": ("uk",), "segments": ("public_sector",)},
    ),
    (
        "govramp",
        "consider",
        {"regulated_buyers": ("government",)},
        {"regulated_buyers": ("government",), **EU},
    ),
    (
        "hipaa",
        "required",
        {"industry": "healthtech", "data_types": ("health",)},
        {"industry": "healthtech", "data_types": ("health",), **EU},
    ),
    (
        "hitrust",
        "likely",
        {"regulated_buyers": ("health",), "data_types": ("health",)},
        {"data_types": ("health",), "segments": ("smb",)},
    ),
    (
        "soc1",
        "consider",
        {"industry": "fintech", "data_types": ("financial",)},
        {"industry": "fintech", "data_types": ("financial",), **EU},
    ),
    (
        "isae3402",
        "consider",
        {"industry": "fintech", "data_types": ("financial",), **EU},
        {"industry": "fintech", "data_types": ("financial",)},
    ),
    ("soc3", "consider", {"requests": ("soc2",)}, {"requests": ("iso27001",)}),
    ("soc3", "consider", {"existing": ("soc2_type2",)}, {"existing": ("iso27001_2022",)}),
    (
        "isae3000",
        "consider",
        {"requests": ("soc2",), **EU},
        {"requests": ("soc2",)},
    ),
    (
        "csa_star",
        "consider",
        {"delivery": ("cloud_infra",), "segments": ("enterprise",)},
        {"delivery": ("on_premise",), "segments": ("enterprise",)},
    ),
    ("tisax", "likely", {"industry": "automotive"}, {"industry": "manufacturing"}),
    (
        "bsi_c5",
        "likely",
        {"public_sector_countries": ("de",), **EU},
        {"public_sector_countries": ("fr",), **EU},
    ),
    (
        "bsi_c5",
        "likely",
        {"public_sector_countries": ("de",), **EU},
        {"public_sector_countries": ("de",), "delivery": ("on_premise",), **EU},
    ),
    ("ens", "required", {"public_sector_countries": ("es",)}, {"public_sector_countries": ("fr",)}),
    (
        "irap",
        "likely",
        {"public_sector_countries": ("au",), "customer_regions": ("apac",)},
        {"customer_regions": ("apac",), "segments": ("public_sector",)},
    ),
    (
        "iso27017",
        "consider",
        {"requests": ("iso27001",)},
        {"requests": ("iso27001",), "delivery": ("on_premise",)},
    ),
    (
        "iso27018",
        "consider",
        {"requests": ("iso27001",), "data_types": ("personal",)},
        {"requests": ("iso27001",), "data_types": ("confidential",)},
    ),
    (
        "iso27701",
        "consider",
        {"data_types": ("personal",), **UK},
        {"data_types": ("personal",)},
    ),
    (
        "nis2",
        "likely",
        {"headcount": "51-200", "delivery": ("cloud_infra",), **EU},
        {"headcount": "51-200", "delivery": ("cloud_infra",), **UK},
    ),
    (
        "dora",
        "likely",
        {"industry": "fintech", **EU},
        {"industry": "fintech", **UK},
    ),
    (
        "gdpr",
        "required",
        {"data_types": ("personal",), **EU},
        {"data_types": ("personal",), **UK},
    ),
    # A law binds where the company sells now; a market it only plans brings it later.
    (
        "gdpr",
        "later",
        {"data_types": ("personal",), "selling_planned": ("eu",)},
        {"data_types": ("personal",), **UK},
    ),
    (
        "iso42001",
        "consider",
        {"ai_use": "provides"},
        {"ai_use": "uses", "segments": ("smb",)},
    ),
    (
        "cra",
        "likely",
        {"delivery": ("on_premise",), **EU},
        {"delivery": ("saas",), **EU},
    ),
    (
        "uk_gdpr",
        "required",
        {"data_types": ("personal",), **UK},
        {"data_types": ("personal",), **EU},
    ),
    ("cyber_essentials", "likely", UK, EU),
    (
        "cyber_essentials_plus",
        "consider",
        {"public_sector_countries": ("uk",), **UK},
        UK,
    ),
    (
        "nhs_dspt",
        "likely",
        {"data_types": ("health",), **UK},
        {"data_types": ("health",), **EU},
    ),
    (
        "g_cloud",
        "consider",
        {"public_sector_countries": ("uk",), **UK},
        {"public_sector_countries": ("uk",), "delivery": ("on_premise",), **UK},
    ),
    (
        "hds",
        "required",
        {"data_types": ("health",), "public_sector_countries": ("fr",), **EU},
        {"data_types": ("personal",), "public_sector_countries": ("fr",), **EU},
    ),
    (
        "secnumcloud",
        "consider",
        {"public_sector_countries": ("fr",), **EU},
        {"public_sector_countries": ("nl",), **EU},
    ),
    (
        "bio",
        "likely",
        {"public_sector_countries": ("nl",), **EU},
        {"public_sector_countries": ("de",), **EU},
    ),
]


@pytest.mark.parametrize(("key", "severity", "fits", "near_miss"), CASES)
def test_each_scheme_applies_to_a_company_it_fits_and_not_to_a_near_miss(
    key, severity, fits, near_miss
):
    assert applying(company(**fits)).get(key) == severity
    assert key not in applying(company(**near_miss))


def test_every_scheme_in_the_data_has_a_profile_or_is_named_only():
    covered = {case[0] for case in CASES}
    named_only = {s.key for s in reference_from_files().schemes if not s.rules}
    assert named_only == {"cmmc", "iso9001", "iso22301"}
    assert covered | named_only == {s.key for s in reference_from_files().schemes}


def test_uk_only_fintech_hears_uk_gdpr_and_cyber_essentials_but_not_dora_or_nis2():
    found = applying(
        company(
            industry="fintech",
            headcount="51-200",
            data_types=("personal", "financial"),
            segments=("enterprise",),
            regulated_buyers=("finance",),
            **UK,
        )
    )
    assert {"uk_gdpr", "cyber_essentials"} <= set(found)
    assert not {"dora", "nis2", "gdpr"} & set(found)


def test_eu_fintech_selling_to_banks_hears_dora_nis2_and_gdpr():
    found = applying(
        company(
            industry="fintech",
            data_types=("personal", "financial"),
            regulated_buyers=("finance",),
            **EU,
        )
    )
    assert found["dora"] == "likely" and found["nis2"] == "likely"
    assert found["gdpr"] == "required"
    assert "cyber_essentials" not in found


def test_german_public_sector_saas_hears_c5_and_nis2():
    found = applying(
        company(
            segments=("public_sector",),
            public_sector_countries=("de",),
            data_types=("personal",),
            **EU,
        )
    )
    assert {"bsi_c5", "nis2", "gdpr"} <= set(found)
    assert not {"ens", "fedramp", "irap"} & set(found)


def test_us_federal_cloud_hears_fedramp_first():
    matches = schemes_match(
        answers=company(regulated_buyers=("us_federal",), data_types=("payment_card",)),
        schemes=reference_from_files().schemes,
    )
    assert [m.key for m in matches][:2] == ["pci_dss", "fedramp"]
    assert matches[1].because == (
        "Your buyers include US federal agencies.",
        "You deliver SaaS (we host it).",
    )


def test_a_tender_asking_for_a_scheme_we_know_by_another_name_makes_it_required():
    found = applying(company(tender_other="Supplier must hold an IRAP assessment (PROTECTED)"))
    assert found == {"irap": "required"}


def test_a_us_defence_tender_naming_nist_800_171_is_matched_to_cmmc():
    found = applying(company(tender_other="DFARS 7012 / NIST SP 800-171 compliance"))
    assert found == {"cmmc": "required"}


def test_a_held_iso_9001_certificate_is_recognised_and_kept():
    matches = schemes_match(
        answers=company(existing_other="ISO 9001:2015"), schemes=reference_from_files().schemes
    )
    assert [(m.key, m.held, m.named) for m in matches] == [("iso9001", True, False)]


def test_unrelated_free_text_matches_nothing():
    found = applying(
        company(
            tender_other="Five-star support, CE marking, lenses and biotech sensors",
            existing_other="A driving licence",
        )
    )
    assert found == {}
