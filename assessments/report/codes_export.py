"""The files written from the engine's codes: the answers schema (see `answers_schema.py`) and
`frameworks/vocabulary.py`.

The reference data holds codes the engine defines: a cost figure's size band is a headcount
answer, a control's kind decides what may be excluded, a scheme's triggers name answers and
their values. `frameworks` may not import `assessments` (this app depends on it, never the
reverse), so it reads a generated copy of those codes, as Django choices. `manage.py
codes_export` rewrites the copy, and a test fails when the committed one drifts from the engine.
"""

from __future__ import annotations

import json
from pathlib import Path

from assessments.answers.schema import SCHEMA_PATH, answers_schema_text
from assessments.engine.answers import CODE_LISTS
from assessments.engine.codes import Code, Currency, Framework, IntCode, SizeBand
from assessments.engine.reference_codes import (
    ControlKind,
    Effort,
    GroupKind,
    PhaseKind,
    Recurrence,
    Relation,
    SchemeKind,
    Severity,
)
from assessments.engine.scheme_rules import TRIGGER_FIELDS

VOCABULARY_PATH = Path(__file__).resolve().parents[2] / "frameworks" / "vocabulary.py"
EXPORTED: tuple[type[Code] | type[IntCode], ...] = (
    Framework,
    Currency,
    SizeBand,
    ControlKind,
    GroupKind,
    Relation,
    Recurrence,
    Effort,
    Severity,
    SchemeKind,
    PhaseKind,
)
HEADER = '''"""The engine's codes that the reference data stores, as Django choices.

Generated from assessments/engine/codes.py and reference_codes.py by `manage.py codes_export`;
do not edit. See assessments/report/codes_export.py for why this copy exists.
"""

from django.db import models'''


def _quoted(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _choices_class(codes: type[Code] | type[IntCode]) -> str:
    base = "IntegerChoices" if issubclass(codes, IntCode) else "TextChoices"
    lines = [f"class {codes.__name__}(models.{base}):"]
    if codes.__doc__ and codes.__doc__ not in (Code.__doc__, IntCode.__doc__):
        lines.append(f'    """{codes.__doc__}"""\n')
    lines += [f"    {m.name} = {_quoted(m.value)}, {_quoted(m.label)}" for m in codes]
    return "\n".join(lines)


def _trigger_fields() -> str:
    lines = [
        "# The answers a scheme's trigger may name, each with the codes it may compare with.",
        "TRIGGER_FIELDS = {",
    ]
    for field, kind in TRIGGER_FIELDS.items():
        lines.append(f"    {_quoted(field)}: (")
        lines += [f"        {_quoted(str(v))}," for v in CODE_LISTS[kind].values()]
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines)


def vocabulary_source() -> str:
    """The text of `frameworks/vocabulary.py`, formatted as ruff formats it."""
    parts = [HEADER, *(_choices_class(codes) for codes in EXPORTED), _trigger_fields()]
    return "\n\n\n".join(parts) + "\n"


def generated_files() -> dict[Path, str]:
    """Each generated file, with the text it must hold."""
    return {SCHEMA_PATH: answers_schema_text(), VOCABULARY_PATH: vocabulary_source()}
