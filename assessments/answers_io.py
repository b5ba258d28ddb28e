"""Answers from a JSON document: checked against the schema, then by the wizard's own forms.

A file can only say what the wizard would accept, because it goes through the same forms."""

from __future__ import annotations

import datetime
import json
from dataclasses import MISSING, fields, replace
from functools import cache
from pathlib import Path

from django.utils.datastructures import MultiValueDict
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from .engine.answers import Answers, legacy_upgrade
from .engine.reference import ControlInfo, QuestionInfo
from .wizard_steps import (
    PRACTICES,
    STEPS,
    answers_from_steps,
    clause_question_keys,
    practice_pages,
    steps_from_answers,
)

SCHEMA_PATH = Path(__file__).with_name("answers.schema.json")
# Optional fields the forms require anyway (deals_at_stake, internal_people) take these values.
DEFAULTS = {f.name: f.default for f in fields(Answers) if f.default is not MISSING}


class AnswersInvalid(Exception):
    """The answers break the schema or the wizard's rules; `errors` has one line per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@cache
def answers_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def answers_load(
    *,
    data: dict,
    questions: tuple[QuestionInfo, ...],
    today: datetime.date,
    controls: tuple[ControlInfo, ...] = (),
) -> Answers:
    """Validated Answers, or AnswersInvalid listing every problem found at the failing stage."""
    validator = Draft202012Validator(answers_schema(), format_checker=FormatChecker())
    errors = _unique(m for e in validator.iter_errors(data) for m in _schema_messages(e))
    if errors:
        raise AnswersInvalid(errors)

    data = legacy_upgrade(data)  # engine 1 files: one deadline and one count of deals
    known = {q.key for q in questions}
    for name in ("readiness", "readiness_notes"):
        errors += [f"{name}: unknown question '{k}'" for k in data.get(name, {}) if k not in known]
    overrides = data.get("control_overrides", {})
    errors += _override_errors(overrides, controls)
    cleaned, form_errors = _forms_clean({**DEFAULTS, **data}, questions=questions)
    errors += form_errors
    if errors:
        raise AnswersInvalid(errors)

    assessed_on = data.get("assessed_on")
    answers = answers_from_steps(
        cleaned, assessed_on=datetime.date.fromisoformat(assessed_on) if assessed_on else today
    )
    return replace(answers, control_overrides=overrides)


def _override_errors(overrides: dict, controls: tuple[ControlInfo, ...]) -> list[str]:
    """The deep dive's rules: known controls only, clauses never excluded, exclusions explained."""
    kinds = {f"{c.framework}:{c.ref}": c.kind for c in controls}
    errors = []
    for key, verdict in overrides.items():
        where = f"control_overrides.{key}"
        if key not in kinds:
            errors.append(f"{where}: unknown control")
        elif verdict["status"] == "not_applicable" and kinds[key] == "clause":
            errors.append(f"{where}: clauses 4–10 apply to every ISMS and cannot be excluded")
        elif verdict["status"] == "not_applicable" and not verdict.get("note", "").strip():
            errors.append(f"{where}: say why the control does not apply (note)")
    return errors


def _forms_clean(
    data: dict, *, questions: tuple[QuestionInfo, ...]
) -> tuple[dict[str, dict], list[str]]:
    """Each step's cleaned_data, and the form errors as "<field>: <message>"."""
    # Readiness answers may be partial (the engine reports the rest as not assessed), so a
    # practices page asks only the questions the file answers or annotates.
    mentioned = set(data.get("readiness", {})) | set(data.get("readiness_notes", {}))
    pages = practice_pages(questions)
    clause_keys = clause_question_keys(questions)
    step_data = steps_from_answers(data, questions=questions)
    cleaned, errors = {}, []
    for step, form_class in STEPS:
        kwargs = {}
        if step in PRACTICES:
            page = tuple(q for q in pages[step] if q.key in mentioned)
            kwargs = {"questions": page, "clause_keys": clause_keys}
        form = form_class(data=MultiValueDict(step_data[step]), prefix=step, **kwargs)
        if form.is_valid():
            cleaned[step] = form.cleaned_data
            continue
        for name, messages in form.errors.items():
            errors += [f"{_field_path(name, step)}: {message}" for message in messages]
    return cleaned, errors


def _field_path(name: str, step: str) -> str:
    if name.startswith("q_"):
        return f"readiness.{name[2:]}"
    if name.startswith("note_"):
        return f"readiness_notes.{name[5:]}"
    return step if name == "__all__" else name


def _schema_messages(error: ValidationError) -> list[str]:
    path = ".".join(str(p) for p in error.absolute_path)
    prefix = f"{path}: " if path else ""
    instance = error.instance
    if error.validator == "required":
        return [
            f"{prefix}{k}: required field is missing"
            for k in error.validator_value
            if k not in instance
        ]
    if error.validator == "additionalProperties" and error.validator_value is False:
        allowed = error.schema.get("properties", {})
        return [f"{prefix}unknown field '{k}'" for k in instance if k not in allowed]
    if error.validator == "format":
        return [
            f"{prefix or 'answers: '}{instance!r} is not a valid {error.validator_value} "
            "(use YYYY-MM-DD)"
        ]
    return [f"{prefix or 'answers: '}{error.message}"]


def _unique(messages) -> list[str]:
    return list(dict.fromkeys(messages))
