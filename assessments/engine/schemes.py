"""Adjacent schemes: the other certifications, reports and laws a company's answers point to.

Which answers trigger a scheme is data an admin edits. A trigger is one rule per line; a rule
is conditions joined by "&"; a condition `field:value|value` holds when the answer has any of
the values, and `!field:value|value` when it has none of them. A scheme applies when any of
its rules holds, or when one of its aliases appears in what the user typed: a tender asks for
it (`tender_other`) or the company already holds it (`existing_other`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .answers import LABELS, Answers
from .reference import SchemeInfo
from .scheme_sentences import condition_sentences

SEVERITIES = {
    "required": "Required",
    "likely": "Likely to be asked for",
    "consider": "Worth considering",
}
SCHEME_KINDS = {
    "certification": "Certification",
    "attestation": "Attestation report",
    "authorisation": "Government authorisation",
    "assessment": "Assessment",
    "standard": "Standard or baseline",
    "procurement": "Procurement framework",
    "regulation": "Regulation or directive",
    "law": "Law",
}
# The Answers field a trigger names, and the LABELS kind its values come from.
FIELDS = {
    "industry": "industry",
    "headcount": "headcount",
    "delivery": "delivery",
    "data_types": "data_types",
    "segments": "segments",
    "customer_regions": "region",
    "regulated_buyers": "regulated_buyers",
    "public_sector_countries": "country",
    "selling_now": "region",
    "selling_planned": "region",
    "requests": "requests",
    "tender_requirements": "tender_requirements",
    "existing": "existing",
    "markets": "region",  # customer_regions ∪ selling_now
    "markets_planned": "region",  # markets ∪ selling_planned
}
# SOC 2 and ISO 27001 are what the rest of the report is about; a user may still name them.
FRAMEWORK_ALIASES = {
    "soc2": ("SOC 2", "SOC II", "SOC2"),
    "iso27001": ("ISO/IEC 27001", "ISO 27001", "27001"),
}
HELD_ADVICE = "Keep it current: renew or re-assess it on time, and tell buyers you hold it. "
COMMENT = "#"
# Between the words of an alias the user may type a space, a hyphen, a slash or nothing.
_ALIAS_GAP = r"[\s\-_/.]*"


class TriggerError(ValueError):
    """A trigger that cannot be read; the message names the line, the field and what is allowed."""


class AliasError(ValueError):
    """An alias list that cannot be matched reliably."""


@dataclass(frozen=True)
class Condition:
    field: str
    values: tuple[str, ...]
    negated: bool = False

    def holds(self, answers: Answers) -> bool:
        found = bool(answer_values(answers, self.field) & set(self.values))
        return found != self.negated


@dataclass(frozen=True)
class Rule:
    conditions: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return all(c.holds(answers) for c in self.conditions)


@dataclass(frozen=True)
class SchemeMatch:
    """A scheme that applies to this company, and why. What the scheme is (its name, summary,
    advice and source) is reference data, looked up by key."""

    key: str
    severity: str
    because: tuple[str, ...]
    named: bool = False  # a tender the user described asks for it
    held: bool = False  # the user says the company holds it

    @property
    def severity_label(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)


def kind_label(kind: str) -> str:
    return SCHEME_KINDS.get(kind, kind)


def scheme_advice(match: SchemeMatch, scheme: SchemeInfo) -> str:
    """What we advise: the scheme's advice, led by keeping it current when it is held."""
    return (HELD_ADVICE if match.held else "") + scheme.advice


def answer_values(answers: Answers, field: str) -> set[str]:
    """The codes an answer holds for a trigger field, as a set."""
    if field == "markets":
        return answers.markets()
    if field == "markets_planned":
        return answers.markets() | set(answers.selling_planned)
    value = getattr(answers, field)
    return {value} if isinstance(value, str) else set(value)


# Both are pure functions of the admin's text, read on every submit; parse and compile once.
@lru_cache(maxsize=1024)
def trigger_parse(text: str) -> tuple[Rule, ...]:
    """The rules in a trigger text. Blank lines and lines starting with # are skipped."""
    rules = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith(COMMENT):
            continue
        conditions = tuple(_condition_parse(part, number, line) for part in line.split("&"))
        rules.append(Rule(conditions))
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
    if field not in FIELDS:
        raise TriggerError(
            f"{where}: unknown field {field!r}. Allowed fields: {', '.join(FIELDS)}."
        )
    allowed = LABELS[FIELDS[field]]
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


@lru_cache(maxsize=1024)
def _alias_pattern(alias: str) -> re.Pattern:
    words = [re.escape(w) for w in re.split(r"[\s\-_/]+", alias) if w]
    # Word boundaries that also hold next to symbols such as "+": no letter or digit around.
    return re.compile(rf"(?<!\w){_ALIAS_GAP.join(words)}(?!\w)", re.IGNORECASE)


def _spans(text: str, schemes: tuple[SchemeInfo, ...]) -> dict[str, list[tuple[int, int]]]:
    """Where each scheme's aliases appear in `text`. A match inside a longer match of another
    scheme is the other scheme's ("GDPR" inside "UK GDPR")."""
    found = {
        s.key: [m.span() for a in s.aliases for m in _alias_pattern(a).finditer(text or "")]
        for s in schemes
    }
    kept: dict[str, list[tuple[int, int]]] = {}
    for key, spans in found.items():
        for start, end in spans:
            inside = any(
                o_start <= start and end <= o_end and o_end - o_start > end - start
                for other, others in found.items()
                if other != key
                for o_start, o_end in others
            )
            if not inside:
                kept.setdefault(key, []).append((start, end))
    return kept


def schemes_named(*, text: str, schemes: tuple[SchemeInfo, ...]) -> dict[str, str]:
    """The schemes `text` names, each with the words that named it (first mention)."""
    return {key: text[spans[0][0] : spans[0][1]] for key, spans in _spans(text, schemes).items()}


def frameworks_named(text: str) -> tuple[str, ...]:
    """SOC 2 or ISO 27001, where `text` names them."""
    return tuple(
        code
        for code, aliases in FRAMEWORK_ALIASES.items()
        if any(_alias_pattern(a).search(text or "") for a in aliases)
    )


def schemes_match(*, answers: Answers, schemes: tuple[SchemeInfo, ...]) -> tuple[SchemeMatch, ...]:
    """Every scheme that applies, required first, then likely, then worth considering."""
    named = schemes_named(text=answers.tender_other, schemes=schemes)
    held = schemes_named(text=answers.existing_other, schemes=schemes)
    matches = []
    for scheme in schemes:
        because: list[str] = []
        for rule in trigger_parse(scheme.triggers):
            if rule.holds(answers):
                because += [s for s in _rule_sentences(rule, answers) if s not in because]
        if scheme.key in named:
            because.append(f"A tender asks for it: you wrote “{named[scheme.key]}”.")
        if scheme.key in held:
            because.append(f"You already hold it: you wrote “{held[scheme.key]}”.")
        if not because:
            continue
        matches.append(
            SchemeMatch(
                key=scheme.key,
                # What a tender names is a condition of that tender.
                severity="required" if scheme.key in named else scheme.severity,
                because=tuple(because),
                named=scheme.key in named,
                held=scheme.key in held,
            )
        )
    order = {severity: n for n, severity in enumerate(SEVERITIES)}
    position = {s.key: (s.position, s.key) for s in schemes}
    return tuple(sorted(matches, key=lambda m: (order.get(m.severity, 99), position[m.key])))


def _rule_sentences(rule: Rule, answers: Answers) -> list[str]:
    sentences = []
    for condition in rule.conditions:
        if not condition.negated:
            hits = [v for v in condition.values if v in answer_values(answers, condition.field)]
            sentences += condition_sentences(condition.field, hits, answers)
    return sentences
