"""The trigger language of adjacent schemes, which the admin writes and the seed files hold.

A trigger is one rule per line; the scheme applies when any rule holds. A rule is conditions
joined by "&"; `field:value|value` holds when the answer has any of the values, and
`!field:value|value` when it has none of them. Lines starting with # are notes. The fields and
their values are the assessment's (`vocabulary.TRIGGER_FIELDS`), so a rule that names anything
else is refused here, where it is written, rather than ignored when it is read.

An alias list names the scheme in what users type: names and abbreviations, separated by commas.
The seed, the admin and both readers of the reference data read triggers through it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from frameworks.vocabulary import TRIGGER_FIELDS

COMMENT = "#"


class TriggerError(ValueError):
    """A trigger that cannot be read; the message names the line, the field and what is allowed."""


class AliasError(ValueError):
    """An alias list that cannot be matched reliably."""


class Condition(NamedTuple):
    field: str
    values: tuple[str, ...]
    negated: bool = False


# The admin's text is read on every load of the reference data; parse each text once.
@lru_cache(maxsize=1024)
def trigger_parse(text: str) -> tuple[tuple[Condition, ...], ...]:
    """The rules in a trigger text, each a tuple of conditions. Blank lines and notes are
    skipped."""
    rules = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith(COMMENT):
            continue
        rules.append(tuple(_condition_parse(part, number, line) for part in line.split("&")))
    return tuple(rules)


def _condition_parse(part: str, number: int, line: str) -> Condition:
    where = f"Line {number} ({line!r})"
    part = part.strip()
    if not part:
        raise TriggerError(
            f"{where}: there is an empty condition; put one condition on each side of '&'."
        )
    negated = part.startswith("!")
    field, colon, listed = part.removeprefix("!").partition(":")
    field = field.strip()
    if not colon:
        raise TriggerError(
            f"{where}: {part!r} is not a condition; write field:value, for example industry:fintech."
        )
    if field not in TRIGGER_FIELDS:
        raise TriggerError(
            f"{where}: unknown field {field!r}. Allowed fields: {', '.join(TRIGGER_FIELDS)}."
        )
    allowed = TRIGGER_FIELDS[field]
    values = tuple(v.strip() for v in listed.split("|"))
    for value in values:
        if not value:
            raise TriggerError(
                f"{where}: {field} needs a value on each side of '|'. "
                f"Allowed values for {field}: {', '.join(allowed)}."
            )
        if value not in allowed:
            raise TriggerError(
                f"{where}: {value!r} is not a value of {field}. "
                f"Allowed values for {field}: {', '.join(allowed)}."
            )
    return Condition(field=field, values=values, negated=negated)


def aliases_parse(text: str) -> tuple[str, ...]:
    """The aliases in a comma-separated list, each trimmed; a blank list has none."""
    aliases = tuple(a.strip() for a in (text or "").split(",") if a.strip())
    seen: set[str] = set()
    for alias in aliases:
        if not re.search(r"\w", alias) or len(alias) < 2:
            raise AliasError(
                f"{alias!r} is too short to recognise; use at least two letters or digits."
            )
        if alias.casefold() in seen:
            raise AliasError(f"{alias!r} is listed twice.")
        seen.add(alias.casefold())
    return aliases
