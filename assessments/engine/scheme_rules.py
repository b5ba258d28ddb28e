"""The rules that make an adjacent scheme apply, as the engine holds and checks them.

A rule is conditions that must all hold; a condition holds when an answer has any of its values
(or, negated, none of them). The reference data writes rules as text, one per line
(`markets:eu & regulated_buyers:finance`); `frameworks/triggers.py` reads that text, and the
reference-data builder turns what it read into these objects. `TRIGGER_FIELDS` is the vocabulary
that text may use: the answers a rule can name, with the kind of code each one holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assessments.engine.answers import FIELD_KINDS, Answers

# customer_regions ∪ selling_now, and that with selling_planned added.
MARKETS, MARKETS_PLANNED = "markets", "markets_planned"
TRIGGER_FIELDS: dict[str, str] = {
    **{
        name: FIELD_KINDS[name]
        for name in (
            "industry",
            "headcount",
            "delivery",
            "ai_use",
            "data_types",
            "segments",
            "customer_regions",
            "regulated_buyers",
            "public_sector_countries",
            "selling_now",
            "selling_planned",
            "requests",
            "tender_requirements",
            "existing",
        )
    },
    MARKETS: "region",
    MARKETS_PLANNED: "region",
}


def answer_values(answers: Answers, field: str) -> set[str]:
    """The codes an answer holds for a trigger field, as a set."""
    if field == MARKETS:
        return answers.markets()
    if field == MARKETS_PLANNED:
        return answers.markets() | set(answers.selling_planned)
    value = getattr(answers, field)
    return {value} if isinstance(value, str) else set(value)


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


def rules_from_plain(
    rules: Iterable[Iterable[tuple[str, Iterable[str], bool]]],
) -> tuple[Rule, ...]:
    """Rules from plain (field, values, negated) triples, as the trigger reader gives them."""
    return tuple(
        Rule(tuple(Condition(field, tuple(values), negated) for field, values, negated in rule))
        for rule in rules
    )
