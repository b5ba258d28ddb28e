"""The wizard's steps, and the translation between their form data and the engine's Answers.

The same translation serves the browser wizard, "edit answers" (answers back into form data)
and the `assess` command (a JSON file validated by the very same forms)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from assessments.answers.limits import QUOTE_PREFIX, SCHEME_DEADLINE, SCHEME_DEALS
from assessments.engine.answers import Answers, legacy_upgrade
from assessments.engine.reference import QuestionInfo
from assessments.wizard.forms import (
    BudgetForm,
    CompanyForm,
    CurrentStateForm,
    CustomersForm,
    DemandsForm,
    MorePracticesForm,
    PracticesForm,
    RegionsForm,
    ReviewForm,
)

# Two pages of the questions that matter most, then an optional page with the rest.
PRACTICES = ("practices1", "practices2", "practices_more")
STEPS = (
    ("company", CompanyForm),
    ("customers", CustomersForm),
    ("regions", RegionsForm),
    ("demands", DemandsForm),
    ("budget", BudgetForm),
    ("current", CurrentStateForm),
    (PRACTICES[0], PracticesForm),
    (PRACTICES[1], PracticesForm),
    (PRACTICES[2], MorePracticesForm),
    ("review", ReviewForm),
)
STEP_TITLES = {
    "company": "Company",
    "customers": "Customers",
    "regions": "Markets",
    "demands": "What buyers ask for",
    "budget": "Budget & timeline",
    "current": "Where you stand",
    PRACTICES[0]: "Practices (1 of 2)",
    PRACTICES[1]: "Practices (2 of 2)",
    PRACTICES[2]: "More practices (optional)",
    "review": "Review",
}
STEP_NAMES = tuple(name for name, _ in STEPS)


def step_progress(current: str) -> list[tuple[str, str, str]]:
    """The progress list: (number, title, state) for every step, the state being "done",
    "current" or "todo"; numbers as text, as the page shows them."""
    at = STEP_NAMES.index(current)
    states = {True: "done", False: "todo"}
    return [
        (str(i + 1), STEP_TITLES[name], "current" if i == at else states[i < at])
        for i, name in enumerate(STEP_NAMES)
    ]


ANSWER_FIELDS = {
    name: tuple(form.base_fields)
    for name, form in STEPS
    if not issubclass(form, PracticesForm | ReviewForm)
}


def practice_pages(questions: tuple[QuestionInfo, ...]) -> dict[str, tuple[QuestionInfo, ...]]:
    """The wizard's questions over two pages, split at a topic boundary near the middle, and
    the optional ones on the page after them."""
    core = tuple(q for q in questions if not q.optional)
    topics: list[str] = []
    for q in core:
        if q.topic not in topics:
            topics.append(q.topic)
    first_topics, count = set(), 0
    for topic in topics:
        if count >= len(core) / 2:
            break
        first_topics.add(topic)
        count += sum(1 for q in core if q.topic == topic)
    return {
        PRACTICES[0]: tuple(q for q in core if q.topic in first_topics),
        PRACTICES[1]: tuple(q for q in core if q.topic not in first_topics),
        PRACTICES[2]: tuple(q for q in questions if q.optional),
    }


def answers_from_steps(cleaned: dict[str, dict], *, assessed_on: datetime.date) -> Answers:
    """Answers from each step's cleaned_data."""
    values: dict = {}
    for step, fields in ANSWER_FIELDS.items():
        data = cleaned.get(step, {})
        for name in fields:
            value = data.get(name)
            if isinstance(value, list):
                value = tuple(value)
            if isinstance(value, Decimal):
                value = float(value)
            if value is not None:
                values[name] = value
    quotes = {
        name.removeprefix(QUOTE_PREFIX): value
        for name, value in cleaned.get("budget", {}).items()
        if name.startswith(QUOTE_PREFIX) and value is not None
    }
    demands = cleaned.get("demands", {})
    values["demanded_schemes"] = {
        key: {
            "deadline": demands.get(f"{SCHEME_DEADLINE}{key}"),
            "deals": demands.get(f"{SCHEME_DEALS}{key}") or 0,
        }
        for key in values.get("demanded_schemes", ())
        if key != "other"
    }
    readiness, notes = {}, {}
    for step in PRACTICES:
        for name, value in cleaned.get(step, {}).items():
            if name.startswith("q_") and value:
                readiness[name[2:]] = value
            elif name.startswith("note_") and value:
                notes[name[5:]] = value
    return Answers(
        **values,
        quotes=quotes,
        readiness=readiness,
        readiness_notes=notes,
        assessed_on=assessed_on,
    )


def steps_from_answers(
    answers: dict, *, questions: tuple[QuestionInfo, ...]
) -> dict[str, dict[str, list[str]]]:
    """Form data (as a browser would post it, prefixed by step) that reproduces the answers.
    Answers saved by engine 1 are read the way the engine reads them."""
    answers = legacy_upgrade(answers)
    data: dict[str, dict[str, list[str]]] = {}
    for step, fields in ANSWER_FIELDS.items():
        step_data = {}
        for name in fields:
            value = answers.get(name)
            if name == "requests" and not value:
                value = ["none"]
            if name == "demanded_schemes":
                value = [*(value or {}), *(["other"] if answers.get("scheme_other") else [])]
            if value is None or value == "" or value is False:
                continue
            items = value if isinstance(value, list | tuple) else [value]
            step_data[f"{step}-{name}"] = [_as_text(v) for v in items]
        data[step] = step_data
    for key, amount in (answers.get("quotes") or {}).items():
        data["budget"][f"budget-{QUOTE_PREFIX}{key}"] = [_as_text(amount)]
    for key, demand in (answers.get("demanded_schemes") or {}).items():
        demand = demand if isinstance(demand, dict) else {}
        if demand.get("deadline"):
            data["demands"][f"demands-{SCHEME_DEADLINE}{key}"] = [_as_text(demand["deadline"])]
        if demand.get("deals"):
            data["demands"][f"demands-{SCHEME_DEALS}{key}"] = [_as_text(demand["deals"])]
    readiness = answers.get("readiness") or {}
    notes = answers.get("readiness_notes") or {}
    for step, page in practice_pages(questions).items():
        step_data = {}
        for q in page:
            if q.key in readiness:
                step_data[f"{step}-q_{q.key}"] = [readiness[q.key]]
            if notes.get(q.key):
                step_data[f"{step}-note_{q.key}"] = [notes[q.key]]
        data[step] = step_data
    data["review"] = {}
    return data


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
