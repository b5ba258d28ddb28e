"""The trigger language of adjacent schemes, as the admin and the seed files write it."""

import pytest

from assessments.engine.answers import CODE_LISTS
from assessments.engine.scheme_rules import TRIGGER_FIELDS as ENGINE_FIELDS
from frameworks.triggers import (
    AliasError,
    Condition,
    TriggerError,
    aliases_parse,
    trigger_parse,
)
from frameworks.vocabulary import TRIGGER_FIELDS

# The trigger language


def test_a_rule_is_conditions_joined_by_ampersands_and_values_by_bars():
    rules = trigger_parse("markets:eu & regulated_buyers:finance|health\n!industry:fintech")
    assert rules == (
        (
            Condition("markets", ("eu",)),
            Condition("regulated_buyers", ("finance", "health")),
        ),
        (Condition("industry", ("fintech",), negated=True),),
    )


def test_blank_lines_comments_and_spaces_are_ignored():
    text = "\n# card data\n  data_types : payment_card |  health  \n\n"
    assert trigger_parse(text) == ((Condition("data_types", ("payment_card", "health")),),)
    assert trigger_parse("") == ()


def test_every_field_the_engine_reads_can_be_used_with_each_of_its_codes():
    assert list(TRIGGER_FIELDS) == list(ENGINE_FIELDS)
    for field, kind in ENGINE_FIELDS.items():
        codes = tuple(str(code) for code in CODE_LISTS[kind])
        ((condition,),) = trigger_parse(f"{field}:{'|'.join(codes)}")
        assert condition.values == codes


def test_an_unknown_field_is_named_with_the_allowed_fields():
    with pytest.raises(TriggerError) as error:
        trigger_parse("data_types:health\nindusty:fintech")
    message = str(error.value)
    assert message.startswith("Line 2 ('industy:fintech'): unknown field 'industy'.")
    assert "Allowed fields: industry, headcount, delivery, ai_use, data_types" in message
    assert "markets, markets_planned." in message


def test_an_unknown_value_names_the_field_and_lists_its_values():
    with pytest.raises(TriggerError) as error:
        trigger_parse("markets:eu & industry:fintec")
    message = str(error.value)
    assert "'fintec' is not a value of industry." in message
    assert "Allowed values for industry: saas, fintech, healthtech" in message


def test_a_value_from_another_field_is_refused():
    # Regions are not countries: "de" is a public-sector country, never a market.
    with pytest.raises(TriggerError, match="'de' is not a value of markets"):
        trigger_parse("markets:de")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("industry fintech", "is not a condition; write field:value"),
        ("industry:", "industry needs a value on each side of '|'"),
        ("industry:fintech|", "industry needs a value on each side of '|'"),
        ("industry:fintech &", "there is an empty condition"),
        ("& industry:fintech", "there is an empty condition"),
    ],
)
def test_malformed_rules_get_a_message_saying_how_to_write_them(text, fragment):
    with pytest.raises(TriggerError, match=fragment):
        trigger_parse(text)


def test_a_trigger_error_is_a_value_error():
    assert issubclass(TriggerError, ValueError)


def test_aliases_are_a_comma_separated_list():
    assert aliases_parse(" Cyber Essentials, CE+ ,,CE Plus ") == (
        "Cyber Essentials",
        "CE+",
        "CE Plus",
    )
    assert aliases_parse("") == ()


@pytest.mark.parametrize(("text", "fragment"), [("C, C5", "too short"), ("C5, c5", "twice")])
def test_aliases_that_cannot_be_matched_reliably_are_refused(text, fragment):
    with pytest.raises(AliasError, match=fragment):
        aliases_parse(text)
