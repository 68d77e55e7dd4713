"""Reads JSON answers into the typed models, driven by their type hints.

The same hints are what the OpenAPI contract test checks against the server's ``/openapi.json``,
so the fields a model reads are declared once: in the dataclass itself.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import datetime
from typing import Any

__all__ = ["decode", "wire_name", "model_fields"]


def wire_name(field: dataclasses.Field[Any]) -> str:
    """The JSON name of a model field: its ``wire`` metadata, else its own name."""
    return field.metadata.get("wire", field.name)


def model_fields(cls: type) -> list[tuple[str, dataclasses.Field[Any], Any]]:
    """(JSON name, field, resolved type hint) of each field of a model dataclass."""
    hints = typing.get_type_hints(cls)
    return [(wire_name(f), f, hints[f.name]) for f in dataclasses.fields(cls)]


def decode(tp: Any, value: Any, where: str = "$") -> Any:
    """Converts a parsed JSON value to ``tp`` (a model, list, dict, enum, datetime or primitive).

    Unknown JSON fields are ignored and missing ones read as their default (else ``None``), so an
    older client keeps working against a newer server.
    """
    if tp is Any or tp is object:
        return value
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        if value is None:
            return None
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(options[0], value, where) if len(options) == 1 else value
    if value is None:
        return None
    if origin in (list, tuple):
        (item,) = typing.get_args(tp)[:1]
        _expect(isinstance(value, list), "an array", value, where)
        return [decode(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        _, item = typing.get_args(tp)
        _expect(isinstance(value, dict), "an object", value, where)
        return {k: decode(item, v, f"{where}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(origin or tp):
        return _decode_model(tp, value, where)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp is datetime:
        _expect(isinstance(value, str), "an RFC 3339 time", value, where)
        return datetime.fromisoformat(value)
    if tp is float:
        _expect(isinstance(value, (int, float)) and not isinstance(value, bool), "a number", value, where)
        return float(value)
    if tp is int:
        _expect(isinstance(value, int) and not isinstance(value, bool), "a whole number", value, where)
        return value
    if tp is bool:
        _expect(isinstance(value, bool), "true or false", value, where)
        return value
    if tp is str:
        _expect(isinstance(value, str), "a string", value, where)
        return value
    return value


def _decode_model(tp: Any, value: Any, where: str) -> Any:
    cls = typing.get_origin(tp) or tp
    _expect(isinstance(value, dict), "an object", value, where)
    generic = dict(zip(getattr(cls, "__parameters__", ()), typing.get_args(tp)))
    kwargs = {}
    for name, field, hint in model_fields(cls):
        hint = generic.get(hint, hint) if isinstance(hint, typing.TypeVar) else _substitute(hint, generic)
        if name in value:
            kwargs[field.name] = decode(hint, value[name], f"{where}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            kwargs[field.name] = None
    return cls(**kwargs)


def _substitute(hint: Any, generic: dict[Any, Any]) -> Any:
    if not generic:
        return hint
    args = typing.get_args(hint)
    if not args:
        return generic.get(hint, hint)
    origin = typing.get_origin(hint)
    new = tuple(_substitute(a, generic) for a in args)
    if origin is types.UnionType or origin is typing.Union:
        return typing.Union[new]  # type: ignore[return-value]
    return origin[new] if len(new) > 1 else origin[new[0]]


class WireError(ValueError):
    """The server's answer does not have the shape this client expects."""


def _expect(ok: bool, what: str, value: Any, where: str) -> None:
    if not ok:
        raise WireError(f"the server's answer has {where} = {value!r}, expected {what}")
