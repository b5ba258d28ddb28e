"""Answers from a JSON document: checked against the schema, then by the wizard's own forms.

A file can only say what the wizard would accept, because it goes through the same forms, and
every problem in it is reported at once."""

from __future__ import annotations

import datetime
import json
from dataclasses import MISSING, fields, replace
from functools import cache
from typing import Any

from django.utils.datastructures import MultiValueDict
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from assessments.answers.limits import SCHEME_DEADLINE, SCHEME_DEALS
from assessments.answers.schema import SCHEMA_PATH
from assessments.engine.answers import Answers, legacy_upgrade
from assessments.engine.applicability import (
    CHOICE,
    exclusion_problem,
    exclusion_refusal,
    necessary_because,
    necessity_refusal,
)
from assessments.engine.codes import Status
from assessments.engine.costs import QUOTABLE
from assessments.engine.overrides import evidence_problem
from assessments.engine.reference import ControlInfo, NecessityInfo, QuestionInfo
from assessments.selectors import necessity_rules_read, scheme_names_read
from assessments.wizard.steps import (
    PRACTICES,
    STEPS,
    answers_from_steps,
    practice_pages,
    steps_from_answers,
)
from frameworks.selectors import scheme_cost_lines_load

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
    """Validated Answers, or AnswersInvalid listing every problem in the document at once: what
    the schema refuses and what the wizard's rules refuse, each named once."""
    validator = Draft202012Validator(answers_schema(), format_checker=FormatChecker())
    schema_errors = list(validator.iter_errors(data))
    errors = _unique(m for e in schema_errors for m in _schema_messages(e))
    if not isinstance(data, dict):
        raise AnswersInvalid(errors)

    # The forms see only the values the schema accepted, so no problem is reported twice.
    faulted = {where for e in schema_errors for where in _faulted(e)}
    # Engine 1 files: one deadline and one count of deals, read for each framework demanded.
    usable = legacy_upgrade(_without_faulted(data, faulted))
    known = {q.key for q in questions}
    for name in ("readiness", "readiness_notes"):
        errors += [
            f"{name}: unknown question '{k}'" for k in usable.get(name, {}) if k not in known
        ]
    scheme_lines = scheme_cost_lines_load()
    errors += _quote_errors(usable.get("quotes", {}), dict(scheme_lines))
    overrides = usable.get("control_overrides", {})
    necessity = necessity_rules_read()
    profile = _profile(usable)
    errors += _override_errors(overrides, controls, profile, necessity)
    cleaned, form_errors = _forms_clean(
        {**DEFAULTS, **usable},
        questions=questions,
        scheme_lines=scheme_lines,
        profile=profile,
        necessity=necessity,
    )
    errors += [message for where, message in form_errors if where not in faulted]
    if errors:
        raise AnswersInvalid(_unique(errors))

    assessed_on = data.get("assessed_on")
    answers = answers_from_steps(
        cleaned, assessed_on=datetime.date.fromisoformat(assessed_on) if assessed_on else today
    )
    return replace(answers, control_overrides=overrides)


KEYED = ("readiness", "readiness_notes", "control_overrides")


def _faulted(error: ValidationError) -> list[tuple[str, ...]]:
    """Where the schema found a problem: a field, or one entry of a keyed field."""
    path = [str(p) for p in error.absolute_path]
    if not path:
        if error.validator == "required":
            return [(k,) for k in error.validator_value if k not in error.instance]
        return []
    if path[0] in KEYED and len(path) > 1:
        return [(path[0], path[1])]
    return [(path[0],)]


def _without_faulted(data: dict, faulted: set[tuple[str, ...]]) -> dict:
    usable = {k: v for k, v in data.items() if (k,) not in faulted}
    for name in KEYED:
        if isinstance(usable.get(name), dict):
            usable[name] = {k: v for k, v in usable[name].items() if (name, k) not in faulted}
    return usable


def _override_errors(
    overrides: dict,
    controls: tuple[ControlInfo, ...],
    profile: Answers,
    necessity: tuple[NecessityInfo, ...],
) -> list[str]:
    """The deep dive's rules: known controls only; "met" only with a note that names the
    evidence; an exclusion only where one is allowed, the company's answers do not make the
    control necessary, and with a specific reason."""
    known = {f"{c.framework}:{c.ref}": c for c in controls}
    errors = []
    for key, verdict in overrides.items():
        where = f"control_overrides.{key}"
        control = known.get(key)
        if control is None:
            errors.append(f"{where}: unknown control")
            continue
        note = verdict.get("note", "")
        if verdict["status"] == Status.MET and (problem := evidence_problem(note)):
            errors.append(f"{where}.note: {problem}")
        if verdict["status"] != Status.NOT_APPLICABLE:
            continue
        refusal = exclusion_refusal(framework=control.framework, ref=control.ref, kind=control.kind)
        if not refusal and (because := necessary_because(profile, necessity, key)):
            refusal = necessity_refusal(because, f"{control.ref} {control.title}")
        if refused := exclusion_problem(refusal=refusal, reason=note, subject=control.title):
            part, message = refused
            errors.append(f"{where}: {message}" if part == CHOICE else f"{where}.note: {message}")
    return errors


def _profile(data: dict) -> Answers:
    """What a file says about the company, as far as the necessity rules read it."""
    fields = ("delivery", "data_types", "customer_regions", "segments", "selling_now")
    values = {f: tuple(data.get(f) or ()) for f in fields if isinstance(data.get(f), list)}
    if isinstance(data.get("industry"), str):
        values["industry"] = data["industry"]
    return Answers.for_scope(**values)


def _quote_errors(quotes: dict, scheme_lines: dict[str, str]) -> list[str]:
    known = (*QUOTABLE, *scheme_lines)
    return [
        f"quotes: unknown cost line '{key}' (known lines: {', '.join(QUOTABLE)}, and each "
        "scheme's own lines as listed in the admin's Cost items)"
        for key in quotes
        if key not in known
    ]


def _forms_clean(
    data: dict,
    *,
    questions: tuple[QuestionInfo, ...],
    scheme_lines: tuple[tuple[str, str], ...] = (),
    profile: Answers | None = None,
    necessity: tuple[NecessityInfo, ...] = (),
) -> tuple[dict[str, dict], list[tuple[tuple[str, ...], str]]]:
    """Each step's cleaned_data, and the form errors as (where, "<field>: <message>")."""
    # Readiness answers may be partial (the engine reports the rest as not assessed), so a
    # practices page asks only the questions the file answers or annotates.
    mentioned = set(data.get("readiness", {})) | set(data.get("readiness_notes", {}))
    pages = practice_pages(questions)
    step_data = steps_from_answers(data, questions=questions)
    cleaned, errors = {}, []
    for step, form_class in STEPS:
        kwargs: dict[str, Any] = {}  # what this step's form takes besides its data
        if step in PRACTICES:
            kwargs = {
                "questions": tuple(q for q in pages[step] if q.key in mentioned),
                "profile": profile,
                "necessity": necessity,
            }
        if step == "demands":  # straight from the database: the CLI may run with no cache
            kwargs = {"schemes": scheme_names_read()}
        if step == "budget":  # every scheme line may be quoted in a file
            kwargs = {"scheme_lines": scheme_lines}
        form = form_class(data=MultiValueDict(step_data[step]), prefix=step, **kwargs)
        if form.is_valid():
            cleaned[step] = form.cleaned_data
            continue
        for name, messages in form.errors.items():
            path = _field_path(name, step)
            where = tuple(path.split(".", 1))
            errors += [(where, f"{path}: {message}") for message in messages]
    return cleaned, errors


def _field_path(name: str, step: str) -> str:
    for prefix, part in ((SCHEME_DEADLINE, "deadline"), (SCHEME_DEALS, "deals")):
        if name.startswith(prefix):
            return f"demanded_schemes.{name.removeprefix(prefix)}.{part}"
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
