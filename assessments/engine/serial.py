"""The engine's frozen values as JSON and back again, so a saved result is read as the same typed
objects it was written from.

`to_json` writes dataclasses as objects (with `compact`, leaving out fields that hold their
default, which keeps saved results small), tuples as lists and dates as ISO strings. `from_json(kind, data)` reads
them back by the type hints: dataclasses, `tuple[X, ...]` and fixed tuples, `dict[str, X]`,
`X | None`, dates and plain values. A field missing from older data takes its default."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")
Json = dict[str, "Json"] | list["Json"] | str | int | float | bool | None


@cache
def _fields(cls: type[DataclassInstance]) -> tuple[tuple[str, object], ...]:
    """Each field's name and default (a factory's product, made once), or MISSING."""
    found = []
    for f in fields(cls):
        default: object = f.default
        if default is MISSING and f.default_factory is not MISSING:
            default = f.default_factory()
        found.append((f.name, default))
    return tuple(found)


# Exact types written as they are; subclasses (a StrEnum, say) take the slower checks below.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_json(value: object, *, compact: bool = False) -> Json:
    kind: Any = type(value)  # Any: mypy does not see a class as hashable for the cache
    if kind in _PLAIN:
        return cast(Json, value)
    if kind is tuple or kind is list:
        return [to_json(v, compact=compact) for v in cast("list[object]", value)]
    if _is_dataclass_type(kind):
        return fields_to_json(cast("DataclassInstance", value), compact=compact)
    if isinstance(value, dict):
        return {str(k): to_json(v, compact=compact) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v, compact=compact) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    raise TypeError(f"{type(value).__name__} has no JSON form")


@cache
def _is_dataclass_type(kind: Any) -> bool:
    return is_dataclass(kind)


def fields_to_json(value: DataclassInstance, *, compact: bool = False) -> dict[str, Json]:
    """A dataclass as a JSON object, field by field."""
    data = {}
    for name, default in _fields(type(value)):
        item = getattr(value, name)
        if compact and default is not MISSING and item == default:
            continue
        data[name] = to_json(item, compact=compact)
    return data


def from_json(kind: type[T], data: Any) -> T:
    """`data`, as `json.loads` gives it, read as a `kind`."""
    hint: Any = kind
    return cast(T, _reader(hint)(data))


Reader = Callable[[Any], Any]


@cache
def _reader(kind: Any) -> Reader:
    """How to read JSON as `kind`, worked out from the type hint once per hint rather than
    again for every value (a saved result holds tens of thousands)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        option = _reader(next(a for a in args if a is not type(None)))
        return lambda data: None if data is None else option(data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _reader(args[0])
            return lambda data: tuple(map(item, data))
        readers = tuple(_reader(a) for a in args)
        return lambda data: tuple(r(x) for r, x in zip(readers, data, strict=True))
    if origin is dict:
        value = _reader(args[1])
        return lambda data: {key: value(item) for key, item in data.items()}
    if isinstance(kind, type) and is_dataclass(kind):
        # Its fields' readers are looked up when a value is read, not now, so a dataclass
        # that holds values of its own kind does not send this into a loop.
        return lambda data: _dataclass_read(kind, data)
    if kind is date:
        return date.fromisoformat
    if kind is float:
        return lambda data: float(data) if isinstance(data, int) else data
    return _as_is


def _as_is(data: Any) -> Any:
    return data


@cache
def _field_readers(kind: type[DataclassInstance]) -> tuple[tuple[str, Reader], ...]:
    hints = typing.get_type_hints(kind)
    return tuple((f.name, _reader(hints[f.name])) for f in fields(kind))


def _dataclass_read(kind: type[DataclassInstance], data: dict[str, Any]) -> Any:
    # A field missing from older data takes its default.
    return kind(**{name: read(data[name]) for name, read in _field_readers(kind) if name in data})
