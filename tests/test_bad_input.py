"""One corpus of hostile and malformed input, thrown at every wizard field and at the CLI.

Each input must end in a field error or a clean redirect/4xx, never a 500, and nothing may be
saved until a complete, valid set of answers is submitted."""

import datetime
import json
from pathlib import Path

import pytest
from django.test import Client

from assessments.answers.io import AnswersInvalid, answers_load
from assessments.engine.answers import Answers
from assessments.models import Assessment
from assessments.selectors import readiness_questions_load
from assessments.wizard.steps import STEPS
from tests.assessments.wizard_helpers import PREFIX, VALID, post_step, practice_answers, step_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

CORPUS = [
    "",
    "x" * 100_000,
    "nul\x00byte",
    "مرحبا بالعالم",
    "🚀🔥 emoji",
    "e\u0301\u0301\u0301 combining",
    "\u202ertl override",
    "<script>alert(1)</script>",
    "'; DROP TABLE assessments_assessment; --",
    "-1",
    "-0",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "3.5",
    "bogus-choice",
]
ANSWER_STEPS = [name for name, _ in STEPS if name != "review"]


def _fields() -> list[tuple[str, str]]:
    pairs = []
    for step, form_class in STEPS:
        if step in ("review",) or step.startswith("practices"):
            continue
        pairs += [(step, name) for name in form_class.base_fields]
    return pairs + [("practices1", "q_*"), ("practices1", "note_*")]


def _walk_to(client: Client, stop: str) -> dict[str, dict]:
    data = {**VALID, **practice_answers()}
    client.get("/assess/?reset")
    for step in ANSWER_STEPS:
        if step == stop:
            break
        assert post_step(client, step, data[step]).status_code == 302
    return data


@pytest.mark.parametrize("step,field", _fields())
def test_every_bad_value_in_every_field_gets_an_error_or_a_clean_response(client, step, field):
    client.raise_request_exception = False
    data = _walk_to(client, step)
    base = dict(data[step])
    first_question = next((k for k in base if k.startswith("q_")), None)
    if field == "q_*":
        field = first_question
    elif field == "note_*":
        field = first_question.replace("q_", "note_", 1)
    for value in CORPUS + [["soc2", "bogus"], ["a"] * 50]:
        response = post_step(client, step, {**base, field: value})
        assert response.status_code in (200, 302), (field, value, response.status_code)
        if response.status_code == 200:
            assert response.context["form"].errors, (field, value)
        else:
            # Accepted: go back to the same step for the next value.
            client.get(step_url(step))
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {f"{PREFIX}-current_step": ""},
        {f"{PREFIX}-current_step": "x" * 10_000},
        {f"{PREFIX}-current_step": "review\x00"},
        {f"{PREFIX}-current_step": "../../admin"},
        {f"{PREFIX}-current_step": "company", "wizard_goto_step": "nowhere"},
    ],
)
def test_tampered_management_form_never_errors(client, payload):
    client.raise_request_exception = False
    _walk_to(client, "budget")
    response = client.post(step_url("budget"), payload)
    assert response.status_code in (200, 302, 400)
    assert Assessment.objects.count() == 0


def _valid_document() -> dict:
    return json.loads((ROOT / "docs" / "example-answers.json").read_text(encoding="utf-8"))


def _cli_fields() -> list[str]:
    schema = json.loads((ROOT / "assessments" / "answers.schema.json").read_text(encoding="utf-8"))
    return sorted(schema["properties"])


@pytest.mark.parametrize("field", _cli_fields())
def test_every_bad_value_in_every_cli_field_is_refused_or_accepted_cleanly(field):
    questions = readiness_questions_load()
    values = CORPUS + [
        -5,
        10**30,
        float("nan"),
        float("inf"),
        3.7,
        True,
        None,
        [],
        {},
        ["bogus"],
        {"x": "y"},
        [1, 2],
        "2001-01-01",
    ]
    for value in values:
        data = {**_valid_document(), field: value}
        try:
            result = answers_load(data=data, questions=questions, today=datetime.date(2026, 11, 28))
        except AnswersInvalid as exc:
            assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        else:
            assert isinstance(result, Answers)


def test_json_with_extra_and_missing_keys_is_refused_with_named_fields():
    questions = readiness_questions_load()
    data = {**_valid_document(), "surprise": 1}
    del data["headcount"]
    with pytest.raises(AnswersInvalid) as excinfo:
        answers_load(data=data, questions=questions, today=datetime.date(2026, 11, 28))
    text = " ".join(excinfo.value.errors)
    assert "surprise" in text and "headcount" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quotes": {"soc2_type2_audit": -5}}, "quotes.soc2_type2_audit: -5 is less than"),
        ({"quotes": {"soc2_type2_audit": "cheap"}}, "quotes.soc2_type2_audit: 'cheap' is not"),
        ({"quotes": {"gold_plating": 100}}, "quotes: unknown cost line 'gold_plating'"),
        ({"soc2_categories": ["availability"]}, "Security is always in a SOC 2 scope"),
        ({"staff_cost_per_fte": 500}, "staff_cost_per_fte: 500 is less than"),
        ({"staff_cost_per_fte": 5_000_000}, "staff_cost_per_fte: 5000000 is greater than"),
    ],
)
def test_bad_quotes_scopes_and_staff_costs_are_refused_with_a_clear_message(change, message):
    with pytest.raises(AnswersInvalid) as refused:
        answers_load(
            data={**_valid_document(), **change},
            questions=readiness_questions_load(),
            today=datetime.date(2026, 12, 6),
        )
    assert any(message in line for line in refused.value.errors), refused.value.errors


def test_a_good_quote_and_scope_load_into_the_answers():
    answers = answers_load(
        data={
            **_valid_document(),
            "quotes": {"soc2_type2_audit": 18_500},
            "soc2_categories": ["security", "availability"],
            "staff_cost_per_fte": 120_000,
            "people_in_scope": 25,
        },
        questions=readiness_questions_load(),
        today=datetime.date(2026, 12, 6),
    )
    assert answers.quotes == {"soc2_type2_audit": 18_500}
    assert answers.soc2_categories == ("security", "availability")
    assert answers.staff_cost_per_fte == 120_000 and answers.people_in_scope == 25


@pytest.mark.django_db
def test_the_budget_step_refuses_a_negative_quote_and_a_scope_without_security(client):
    _walk_to(client, "budget")
    response = post_step(
        client,
        "budget",
        {
            **VALID["budget"],
            "quote_soc2_type2_audit": "-1",
            "soc2_categories": ["availability"],
            "staff_cost_per_fte": "12",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "A quote cannot be negative." in errors["quote_soc2_type2_audit"]
    assert "Security is always" in errors["soc2_categories"][0]
    assert "is not a full-time person's" in errors["staff_cost_per_fte"][0]
    assert Assessment.objects.count() == 0


# --- Demanded schemes (engine 2.2) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("demands", "message"),
    [
        (
            {"tisax": {"deadline": "2020-01-01"}},
            "demanded_schemes.tisax.deadline: The deadline must be in the future.",
        ),
        ({"tisax": {"deadline": "soon"}}, "'soon' is not a valid date"),
        ({"tisax": {"deals": -1}}, "demanded_schemes.tisax.deals: -1 is less than"),
        ({"no_such_scheme": {}}, "no_such_scheme is not one of the available choices"),
        ({"tisax": {"owner": "me"}}, "unknown field 'owner'"),
    ],
)
def test_a_bad_demanded_scheme_is_refused_with_a_clear_message(demands, message):
    with pytest.raises(AnswersInvalid) as refused:
        answers_load(
            data={**_valid_document(), "demanded_schemes": demands},
            questions=readiness_questions_load(),
            today=datetime.date(2026, 12, 6),
        )
    assert any(message in line for line in refused.value.errors), refused.value.errors


def test_a_demanded_scheme_with_no_date_loads_and_is_planned_open():
    from assessments.engine.evaluate import evaluate
    from assessments.selectors import reference_data_load

    answers = answers_load(
        data={**_valid_document(), "demanded_schemes": {"tisax": {}}},
        questions=readiness_questions_load(),
        today=datetime.date(2026, 12, 6),
    )
    assert answers.demanded_schemes == {"tisax": {"deadline": None, "deals": 0}}
    check = next(
        c for c in evaluate(answers, reference_data_load()).obligations if c.asked == "tisax"
    )
    assert check.status == "open"


@pytest.mark.django_db
def test_the_demands_step_refuses_a_past_date_and_an_unnamed_other_and_saves_nothing(client):
    _walk_to(client, "demands")
    before = Assessment.objects.count()
    response = post_step(
        client,
        "demands",
        {
            **VALID["demands"],
            "demanded_schemes": ["tisax", "other"],
            "scheme_deadline_tisax": "2020-01-01",
            "scheme_other": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["scheme_deadline_tisax"] == ["The deadline must be in the future."]
    assert errors["scheme_other"] == ["Say which scheme you mean."]
    assert Assessment.objects.count() == before


@pytest.mark.django_db
def test_a_date_for_a_scheme_nobody_demands_is_refused_not_dropped(client):
    _walk_to(client, "demands")
    response = post_step(
        client, "demands", {**VALID["demands"], "scheme_deadline_pci_dss": "2027-06-30"}
    )
    assert response.status_code == 200
    assert (
        "No buyer demands PCI DSS" in response.context["form"].errors["scheme_deadline_pci_dss"][0]
    )


def test_a_demanded_schemes_own_line_can_be_quoted_and_replaces_its_range():
    from assessments.engine.evaluate import evaluate
    from assessments.selectors import reference_data_load

    document = {
        **_valid_document(),
        "demanded_schemes": {"cyber_essentials_plus": {}},
        "quotes": {"cyber_essentials_plus_audit": 1_234},
    }
    answers = answers_load(
        data=document, questions=readiness_questions_load(), today=datetime.date(2026, 12, 6)
    )
    assert answers.quotes == {"cyber_essentials_plus_audit": 1_234}
    result = evaluate(answers, reference_data_load())
    lines = [
        line
        for line in result.options[result.verdict].cost.lines
        if line.key == "cyber_essentials_plus_audit"
    ]
    assert lines and all(line.amount.typical == 1_234 and line.basis == "quote" for line in lines)


def test_a_quote_for_a_line_nobody_has_is_refused_naming_it():
    with pytest.raises(AnswersInvalid) as refused:
        answers_load(
            data={**_valid_document(), "quotes": {"gold_plating": 100}},
            questions=readiness_questions_load(),
            today=datetime.date(2026, 12, 6),
        )
    assert any("quotes: unknown cost line 'gold_plating'" in e for e in refused.value.errors)


@pytest.mark.django_db
def test_the_budget_step_offers_quotes_for_the_demanded_schemes_lines(client):
    data = _walk_to(client, "demands")
    demands = {**data["demands"], "demanded_schemes": ["cyber_essentials_plus"]}
    assert post_step(client, "demands", demands).status_code == 302
    page = client.get(step_url("budget")).content.decode()
    assert 'name="budget-quote_cyber_essentials_plus_audit"' in page
    assert 'name="budget-quote_tisax_enx_registration"' not in page
