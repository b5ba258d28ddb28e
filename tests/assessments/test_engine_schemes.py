"""Adjacent schemes in the engine: rules against answers, alias matching and the results. The
trigger language itself is tested with its reader, in tests/frameworks/test_triggers.py."""

import json
from dataclasses import replace

import pytest

from assessments.engine.answers import Answers
from assessments.engine.evaluate import evaluate
from assessments.engine.reference import SchemeInfo
from assessments.engine.scheme_rules import rules_from_plain
from assessments.engine.schemes import (
    SchemeMatch,
    frameworks_named,
    kind_label,
    scheme_advice,
    schemes_match,
    schemes_named,
)
from assessments.engine.serial import from_json, to_json
from frameworks.triggers import trigger_parse
from tests.assessments.engine_data import reference_from_files
from tests.assessments.engine_data import small_us_saas as company


def scheme(key="test", triggers="", aliases=(), severity="consider", position=0) -> SchemeInfo:
    return SchemeInfo(
        key=key,
        name=key.upper(),
        kind="certification",
        severity=severity,
        summary="What it is.",
        rules=rules_from_plain(trigger_parse(triggers)),
        aliases=tuple(aliases),
        advice="What to do.",
        source="Its owner",
        source_url="https://example.org/",
        position=position,
    )


def keys(answers: Answers, *schemes: SchemeInfo) -> list[str]:
    return [m.key for m in schemes_match(answers=answers, schemes=schemes)]


# Conditions against answers


def test_a_scheme_applies_when_any_rule_holds():
    pci = scheme(triggers="data_types:payment_card\nindustry:ecommerce")
    assert keys(company(industry="ecommerce"), pci) == ["test"]
    assert keys(company(data_types=("payment_card",)), pci) == ["test"]
    assert keys(company(), pci) == []


def test_every_condition_of_a_rule_must_hold():
    dora = scheme(triggers="markets:eu & regulated_buyers:finance")
    assert keys(company(customer_regions=("eu",)), dora) == []
    assert keys(company(regulated_buyers=("finance",)), dora) == []
    assert keys(company(customer_regions=("eu",), regulated_buyers=("finance",)), dora) == ["test"]


def test_a_negated_condition_holds_when_the_answer_has_none_of_the_values():
    outside_us = scheme(triggers="data_types:financial & !markets:north_america")
    assert keys(company(data_types=("financial",), customer_regions=("eu",)), outside_us) == [
        "test"
    ]
    assert keys(company(data_types=("financial",)), outside_us) == []


def test_markets_are_customer_regions_and_current_sales_but_not_plans():
    eu = scheme(triggers="markets:eu")
    assert keys(company(customer_regions=("eu",)), eu) == ["test"]
    assert keys(company(selling_now=("eu",)), eu) == ["test"]
    # Engine 2.2: a market only planned makes it apply once the company sells there.
    later = schemes_match(answers=company(selling_planned=("eu",)), schemes=(eu,))
    assert [(m.key, m.severity) for m in later] == [("test", "later")]


def test_markets_planned_adds_the_regions_planned_within_24_months():
    eu = scheme(triggers="markets_planned:eu")
    assert keys(company(selling_planned=("eu",)), eu) == ["test"]
    assert keys(company(customer_regions=("eu",)), eu) == ["test"]
    assert keys(company(selling_planned=("uk",)), eu) == []


def test_a_single_valued_answer_matches_its_code():
    big = scheme(triggers="headcount:201-1000|1000+")
    assert keys(company(headcount="1000+"), big) == ["test"]
    assert keys(company(headcount="51-200"), big) == []


# Why a scheme applies


def test_the_reasons_name_the_answers_behind_the_rule():
    pci = scheme(triggers="data_types:payment_card|health")
    (match,) = schemes_match(answers=company(data_types=("payment_card",)), schemes=(pci,))
    assert match.because == ("You handle payment card data.",)


def test_the_reasons_say_which_answer_put_a_region_in_the_markets():
    eu = scheme(triggers="markets_planned:eu|uk|apac")
    answers = company(customer_regions=("eu",), selling_now=("apac",), selling_planned=("uk",))
    (match,) = schemes_match(answers=answers, schemes=(eu,))
    assert match.because == (
        "You have customers in the EU / EEA.",
        "You sell in Asia-Pacific.",
        "You plan to sell in the United Kingdom within 24 months.",
    )


def test_a_reason_shared_by_two_rules_is_given_once_and_negations_give_none():
    two = scheme(triggers="markets:eu & industry:fintech\nmarkets:eu & !industry:saas")
    (match,) = schemes_match(
        answers=company(customer_regions=("eu",), industry="fintech"), schemes=(two,)
    )
    assert match.because == (
        "You have customers in the EU / EEA.",
        "You work in financial technology.",
    )


def test_several_values_are_joined_in_one_sentence():
    buyers = scheme(triggers="regulated_buyers:finance|health|us_federal")
    answers = company(regulated_buyers=("finance", "health", "us_federal"))
    (match,) = schemes_match(answers=answers, schemes=(buyers,))
    assert match.because == (
        "Your buyers include financial services firms, healthcare organisations and US "
        "federal agencies.",
    )


# Aliases in what the user typed


def test_a_tender_naming_a_scheme_makes_it_required_and_quotes_the_words():
    tisax = scheme(key="tisax", aliases=("TISAX", "VDA ISA"), severity="likely")
    (match,) = schemes_match(
        answers=company(tender_other="The OEM wants a tisax label (AL3)"), schemes=(tisax,)
    )
    assert match.named and not match.held
    assert match.severity == "required"
    assert match.because == ("A tender asks for it: you wrote “tisax”.",)


def test_a_scheme_the_company_holds_is_advised_to_be_kept_up():
    ce = scheme(key="ce", aliases=("Cyber Essentials",), severity="likely")
    (match,) = schemes_match(
        answers=company(existing_other="cyber-essentials (2025)"), schemes=(ce,)
    )
    assert match.held and not match.named
    assert match.severity == "likely"
    assert (
        scheme_advice(match, ce)
        == "Keep it current: renew or re-assess it on time, and tell buyers you hold it. What to do."
    )
    assert match.because == ("You already hold it: you wrote “cyber-essentials”.",)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ISO 27017", "ISO 27017"),
        ("iso/iec 27017", "iso/iec 27017"),
        ("ISO-27017", "ISO-27017"),
        ("iso27017", "iso27017"),
        ("we need 27017.", "27017"),
        ("(ISO/IEC 27017)", "ISO/IEC 27017"),
    ],
)
def test_aliases_match_whatever_the_case_spacing_or_punctuation(text, words):
    iso = scheme(key="iso27017", aliases=("ISO/IEC 27017", "ISO 27017", "27017"))
    assert schemes_named(text=text, schemes=(iso,)) == {"iso27017": words}


@pytest.mark.parametrize(
    ("alias", "text"),
    [
        ("CSA STAR", "a five star rating"),
        ("ENS", "our lens and sensors"),
        ("C5", "cable C50, part AC5"),
        ("PCI", "PCIe cards"),
        ("SOC 1", "SOC 10 and SOC 2"),
        ("BIO", "biotech and biology"),
        ("HDS", "HDSL lines"),
        ("27017", "order 270178"),
        ("CE+", "CE marking for the device"),
    ],
)
def test_an_alias_never_matches_inside_an_unrelated_word(alias, text):
    assert schemes_named(text=text, schemes=(scheme(aliases=(alias,)),)) == {}


def test_a_name_inside_a_longer_name_of_another_scheme_belongs_to_the_longer_one():
    gdpr = scheme(key="gdpr", aliases=("GDPR",))
    uk = scheme(key="uk_gdpr", aliases=("UK GDPR",))
    assert schemes_named(text="We follow UK GDPR", schemes=(gdpr, uk)) == {"uk_gdpr": "UK GDPR"}
    assert schemes_named(text="GDPR and UK GDPR", schemes=(gdpr, uk)) == {
        "gdpr": "GDPR",
        "uk_gdpr": "UK GDPR",
    }


def test_the_basic_and_plus_levels_can_share_a_name():
    ce = scheme(key="ce", aliases=("Cyber Essentials", "Cyber Essentials Plus"))
    plus = scheme(key="ce_plus", aliases=("Cyber Essentials Plus",))
    assert set(schemes_named(text="Cyber Essentials Plus", schemes=(ce, plus))) == {"ce", "ce_plus"}
    assert set(schemes_named(text="Cyber Essentials", schemes=(ce, plus))) == {"ce"}


def test_soc2_and_iso27001_are_recognised_in_free_text():
    assert frameworks_named("SOC 2 Type II and ISO/IEC 27001:2022") == ("soc2", "iso27001")
    assert frameworks_named("ISO 27017 only") == ()


# Results


def test_results_are_ordered_required_likely_consider_then_by_position():
    answers = company(industry="automotive")
    schemes = (
        scheme("a", "industry:automotive", severity="consider", position=1),
        scheme("b", "industry:automotive", severity="likely", position=9),
        scheme("c", "industry:automotive", severity="required", position=5),
        scheme("d", "industry:automotive", severity="likely", position=2),
    )
    assert keys(answers, *schemes) == ["c", "d", "b", "a"]


def test_a_match_round_trips_through_the_saved_result():
    tisax = scheme(key="tisax", triggers="industry:automotive", aliases=("TISAX",))
    matches = schemes_match(
        answers=company(industry="automotive", tender_other="TISAX"), schemes=(tisax,)
    )
    saved = json.loads(json.dumps(to_json(matches)))
    assert from_json(tuple[SchemeMatch, ...], saved) == matches


def test_a_match_has_labels_for_its_severity_and_kind():
    match = SchemeMatch(key="k", severity="likely", because=())
    assert (match.severity_label, kind_label("attestation")) == (
        "Likely to be asked for",
        "Attestation report",
    )


def test_the_evaluated_result_carries_the_schemes_and_saves_them():
    reference = reference_from_files()
    result = evaluate(company(data_types=("payment_card",)), reference)
    assert "pci_dss" in [s.key for s in result.schemes]
    saved = result.to_dict()["schemes"]
    assert saved[0]["key"] == "pci_dss" and saved[0]["because"] == ["You handle payment card data."]


def test_the_schemes_are_part_of_the_reference_data_fingerprint():
    reference = reference_from_files()
    first = reference.schemes[0]
    edited = replace(
        reference, schemes=(replace(first, advice=first.advice + " More."),) + reference.schemes[1:]
    )
    assert edited.version() != reference.version()
