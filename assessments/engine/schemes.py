"""Adjacent schemes: the other certifications, reports and laws a company's answers point to.

Which answers trigger a scheme is data an admin edits: rules (see `scheme_rules.py`), and
aliases, names that make it apply when they appear in what the user typed: a tender asks for it
(`tender_other`) or the company already holds it (`existing_other`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from assessments.engine.answers import Answers
from assessments.engine.codes import Framework
from assessments.engine.reference import SchemeInfo
from assessments.engine.reference_codes import SchemeKind, Severity
from assessments.engine.scheme_rules import Rule, answer_values
from assessments.engine.scheme_sentences import condition_sentences

HELD_ADVICE = "Keep it current: renew or re-assess it on time, and tell buyers you hold it. "
# Between the words of an alias the user may type a space, a hyphen, a slash or nothing.
_ALIAS_GAP = r"[\s\-_/.]*"


@dataclass(frozen=True)
class SchemeMatch:
    """A scheme that applies to this company, and why. What the scheme is (its name, summary,
    advice and source) is reference data, looked up by key."""

    key: str
    severity: str
    because: tuple[str, ...]
    named: bool = False  # a tender the user described asks for it
    held: bool = False  # the user says the company holds it
    demanded: bool = False  # a buyer or a tender demands it (engine 2.2)

    @property
    def severity_label(self) -> str:
        return Severity.label_of(self.severity)


def kind_label(kind: str) -> str:
    return SchemeKind.label_of(kind)


def scheme_advice(match: SchemeMatch, scheme: SchemeInfo) -> str:
    """What we advise: the scheme's advice, led by keeping it current when it is held."""
    return (HELD_ADVICE if match.held else "") + scheme.advice


@lru_cache(maxsize=1024)
def _alias_pattern(alias: str) -> re.Pattern[str]:
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
        framework
        for framework in Framework
        if any(_alias_pattern(a).search(text or "") for a in framework.aliases)
    )


def schemes_match(
    *,
    answers: Answers,
    schemes: tuple[SchemeInfo, ...],
    demanded: Mapping[str, str] | frozenset[str] = frozenset(),
) -> tuple[SchemeMatch, ...]:
    """Every scheme that applies, required first, then likely, then worth considering, then
    those that apply only once the company sells in a market it plans to enter. What a buyer or
    a tender demands is required, whatever the rules say."""
    named = schemes_named(text=answers.tender_other, schemes=schemes)
    held = schemes_named(text=answers.existing_other, schemes=schemes)
    if not isinstance(demanded, Mapping):  # keys alone: chosen from the list
        demanded = dict.fromkeys(demanded, "")
    selling_later = _selling_later(answers)
    matches = []
    for scheme in schemes:
        because = _because(scheme, answers)
        severity = scheme.severity
        if not because and selling_later is not None:
            because = _because(scheme, selling_later, worded=answers)
            severity = Severity.LATER if because else severity
        if scheme.key in demanded and scheme.key not in named:
            words = demanded[scheme.key]
            because.append(
                f"A buyer demands it: you wrote “{words}”."
                if words
                else "A buyer or a tender demands it: you chose it in your answers."
            )
        if scheme.key in named:
            because.append(f"A tender asks for it: you wrote “{named[scheme.key]}”.")
        if scheme.key in held:
            because.append(f"You already hold it: you wrote “{held[scheme.key]}”.")
        if not because:
            continue
        must = scheme.key in named or scheme.key in demanded
        matches.append(
            SchemeMatch(
                key=scheme.key,
                # What a buyer or a tender demands is a condition of the deal.
                severity=Severity.REQUIRED if must else severity,
                because=tuple(because),
                named=scheme.key in named,
                held=scheme.key in held,
                demanded=must,
            )
        )
    order: dict[str, int] = {severity: n for n, severity in enumerate(Severity)}
    position = {s.key: (s.position, s.key) for s in schemes}
    return tuple(sorted(matches, key=lambda m: (order.get(m.severity, 99), position[m.key])))


def _because(scheme: SchemeInfo, answers: Answers, worded: Answers | None = None) -> list[str]:
    """The sentences behind every rule that holds; `worded`, when given, is the company as it
    is today, so a planned market reads as planned."""
    because: list[str] = []
    for rule in scheme.rules:
        if rule.holds(answers):
            sentences = _rule_sentences(rule, answers, worded or answers)
            because += [s for s in sentences if s not in because]
    return because


def _selling_later(answers: Answers) -> Answers | None:
    """The same company once it sells in every market it plans to enter (None: none planned)."""
    planned = tuple(r for r in answers.selling_planned if r not in answers.markets())
    if not planned:
        return None
    return replace(answers, selling_now=(*answers.selling_now, *planned))


def _rule_sentences(rule: Rule, answers: Answers, worded: Answers) -> list[str]:
    sentences = []
    for condition in rule.conditions:
        if not condition.negated:
            hits = [v for v in condition.values if v in answer_values(answers, condition.field)]
            sentences += condition_sentences(condition.field, hits, worded)
    return sentences
