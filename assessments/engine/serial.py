"""The engine's frozen values as JSON and back again, so a saved result is read as the same typed
objects it was written from.

`to_json` writes dataclasses as objects (with `compact`, leaving out fields that hold their
default, which keeps saved results small), tuples as lists and dates as ISO strings. `from_json(kind, data)` reads
them back by the type hints: dataclasses, `tuple[X, ...]` and fixed tuples, `dict[str, X]`,
`X | None`, dates and plain values. A field missing from older data takes its default."""

from __future__ import annotations

import types
import typing
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


def to_json(value: object, *, compact: bool = False) -> Json:
    if is_dataclass(value) and not isinstance(value, type):
        return fields_to_json(value, compact=compact)
    if isinstance(value, dict):
        return {str(k): to_json(v, compact=compact) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v, compact=compact) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    raise TypeError(f"{type(value).__name__} has no JSON form")


def fields_to_json(value: DataclassInstance, *, compact: bool = False) -> dict[str, Json]:
    """A dataclass as a JSON object, field by field."""
    data = {}
    for name, default in _fields(type(value)):
        item = getattr(value, name)
        if compact and default is not MISSING and item == default:
            continue
        data[name] = to_json(item, compact=compact)
    return data


@cache
def _hints(cls: type[DataclassInstance]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(kind: type[T], data: Any) -> T:
    """`data`, as `json.loads` gives it, read as a `kind`."""
    return cast(T, _read(kind, data))


def _read(kind: Any, data: Any) -> Any:
    # `kind` is a type hint taken apart at run time, `data` whatever JSON held there.
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if data is None:
            return None
        options = [a for a in args if a is not type(None)]
        return _read(options[0], data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], item) for item in data)
        return tuple(_read(a, item) for a, item in zip(args, data, strict=True))
    if origin is dict:
        return {key: _read(args[1], item) for key, item in data.items()}
    if isinstance(kind, type) and is_dataclass(kind):
        hints = _hints(kind)
        values = {
            f.name: _read(hints[f.name], data[f.name]) for f in fields(kind) if f.name in data
        }
        return kind(**values)
    if kind is date:
        return date.fromisoformat(data)
    if kind is float and isinstance(data, int):
        return float(data)
    return data
