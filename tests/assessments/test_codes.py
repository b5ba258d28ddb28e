"""Each code is defined once, keeps the value that is stored, and reads older spellings."""

from assessments.engine.answers import LABELS, Answers
from assessments.engine.codes import Framework, ReadinessLevel, SizeBand, Status
from assessments.engine.formats import money
from assessments.formatting import FRAMEWORK_NAMES


def test_not_applicable_has_one_name_and_reads_each_stored_spelling():
    assert ReadinessLevel("na") is ReadinessLevel.NOT_APPLICABLE
    assert Status("not_applicable") is Status.NOT_APPLICABLE
    # Engine 1 wrote an excluded control's SoA entry as "n/a".
    assert Status("n/a") is Status.NOT_APPLICABLE
    assert Status.NOT_APPLICABLE.short == "n/a"


def test_a_code_is_its_stored_string():
    assert SizeBand.MICRO == "1-10" and {"iso27001": 1}[Framework.ISO] == 1
    answers = Answers.from_dict(
        {
            "headcount": "1-10",
            "industry": "saas",
            "delivery": ["saas"],
            "customer_regions": ["eu"],
            "budget_amount": 1,
            "currency": "EUR",
            "assessed_on": "2026-01-05",
        }
    )
    assert answers.to_dict()["approach"] == "in_house"


def test_labels_and_report_names_come_from_the_codes():
    assert LABELS["headcount"]["201-1000"] == SizeBand.LARGE.label == "201–1,000 people"
    assert LABELS["soc2_window_months"]["0"] == "Let Certpath choose"
    assert FRAMEWORK_NAMES["iso27001"] == Framework.ISO.label == "ISO 27001"
    assert Framework.ISO.titled == "ISO 27001:2022"
    assert money(42_000, "GBP").startswith("£")
    assert money(42_000, "EUR") == "€42k"


def test_an_unknown_code_reads_as_itself():
    assert Status.label_of("not_a_status") == "not_a_status"
