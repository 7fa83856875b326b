"""Dataclasses to JSON and back, for the analyses table (typed reconstruction, no pickles)."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """A JSON-ready form of dataclasses, lists, tuples, dicts, datetimes and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value  # keep floats floats: 4.0 stays a float so equality survives a round trip
    return value


def from_data(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` (a dataclass or typing form) from ``to_data`` output."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if data is None:
        return None
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return from_data(options[0], data) if len(options) == 1 else data
    if origin is list:
        return [from_data(args[0], v) for v in data]
    if origin is tuple:
        inner = args[0] if args else Any
        return tuple(from_data(inner, v) for v in data)
    if origin is dict:
        return {k: from_data(args[1], v) for k, v in data.items()}
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is float:
        return float(data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: from_data(hints[k], v) for k, v in data.items() if k in fields})
    return data


def load(kind: type[T], data: Any) -> T:
    """Typed wrapper of from_data for a dataclass type."""
    return typing.cast(T, from_data(kind, data))
