"""The engine's values survive the trip through JSON and back as the same typed objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import pytest

from assessments.engine.evaluate import Result, evaluate
from assessments.engine.serial import from_json, to_json
from tests.assessments.engine_data import reference_from_files, small_us_saas


class Colour(StrEnum):
    RED = "red"


@dataclass(frozen=True)
class Leaf:
    name: str
    weight: float = 1.0
    seen: date | None = None


@dataclass(frozen=True)
class Node:
    """A value that holds values of its own kind."""

    label: str
    children: tuple[Node, ...] = ()
    leaves: dict[str, Leaf] = field(default_factory=dict)
    pair: tuple[int, str] = (0, "")


def _trip(value, kind, *, compact=False):
    return from_json(kind, json.loads(json.dumps(to_json(value, compact=compact))))


def test_a_whole_engine_result_comes_back_equal_to_what_was_saved():
    result = evaluate(small_us_saas(), reference_from_files())
    saved = json.loads(json.dumps(result.to_dict()))
    assert Result.from_dict(saved) == result


def test_nested_values_of_their_own_kind_come_back_with_their_types():
    tree = Node(
        "root",
        children=(Node("a", pair=(2, "x")), Node("b", children=(Node("c"),))),
        leaves={"l": Leaf("leaf", weight=2.5, seen=date(2026, 12, 6))},
    )
    back = _trip(tree, Node)
    assert back == tree
    assert isinstance(back.children[1].children[0], Node)
    assert isinstance(back.leaves["l"].seen, date) and isinstance(back.pair, tuple)


def test_compact_leaves_defaults_out_and_reading_puts_them_back():
    leaf = Leaf("plain")
    assert to_json(leaf, compact=True) == {"name": "plain"}
    assert _trip(leaf, Leaf, compact=True) == leaf


def test_a_field_missing_from_older_data_takes_its_default():
    assert from_json(Node, {"label": "old"}) == Node("old")


def test_a_whole_number_is_read_as_a_float_where_a_float_is_expected():
    back = from_json(Leaf, {"name": "n", "weight": 3})
    assert back.weight == 3.0 and isinstance(back.weight, float)


def test_an_optional_value_left_empty_stays_empty():
    assert from_json(Leaf, {"name": "n", "seen": None}).seen is None


def test_a_string_enum_is_written_as_its_text():
    assert to_json({"colour": Colour.RED}) == {"colour": "red"}


def test_a_value_with_no_json_form_is_refused_by_name():
    with pytest.raises(TypeError, match="set has no JSON form"):
        to_json({1, 2})
