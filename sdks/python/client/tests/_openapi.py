"""Checks the client's operations table and models against the server's OpenAPI document."""

from __future__ import annotations

import dataclasses
import enum
import re
import types
import typing
from datetime import datetime
from typing import Any

from aispine._wire import _substitute, model_fields
from aispine.operations import Operation


class OpenApiCheck:
    """Collects every way the client's use of the API differs from what ``/openapi.json`` says."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.problems: list[str] = []
        self.unchecked: list[str] = []

    def operation(self, name: str, op: Operation) -> None:
        """Checks one operation: route, parameters, body and the fields read from the answer."""
        where = f"{name} ({op.method} {op.path})"
        spec = self.doc.get("paths", {}).get(op.path, {}).get(op.method.lower())
        if spec is None:
            self.problems.append(f"{where}: no such operation in /openapi.json")
            return
        params = [self.resolve(p) for p in spec.get("parameters", [])]
        by_place: dict[str, dict[str, dict[str, Any]]] = {}
        for p in params:
            by_place.setdefault(p["in"], {})[p["name"].lower()] = p
        template = set(re.findall(r"{(\w+)}", op.path))
        declared = set(by_place.get("path", {}))
        if template != declared:
            self.problems.append(f"{where}: path parameters {sorted(template)}, spec has {sorted(declared)}")
        for place, sent in (("query", op.query), ("header", op.headers)):
            spec_params = by_place.get(place, {})
            for name_ in sent:
                if name_.lower() not in spec_params:
                    self.problems.append(f"{where}: sends {place} parameter '{name_}' the spec does not declare")
            for name_, p in spec_params.items():
                if p.get("required") and name_ not in {s.lower() for s in sent}:
                    self.problems.append(f"{where}: never sends required {place} parameter '{p['name']}'")
        self._request_body(where, op, spec)
        self._answer(where, op, spec)

    def _request_body(self, where: str, op: Operation, spec: dict[str, Any]) -> None:
        body = self.resolve(spec.get("requestBody")) if spec.get("requestBody") else None
        if op.content_type is None:
            if body and body.get("required"):
                self.problems.append(f"{where}: the spec requires a body, the client sends none")
            return
        if body is None:
            self.problems.append(f"{where}: sends a {op.content_type} body the spec does not take")
            return
        media = body.get("content", {}).get(op.content_type)
        if media is None:
            self.problems.append(f"{where}: sends {op.content_type}, spec takes {sorted(body.get('content', {}))}")
            return
        schema = self.resolve(media.get("schema", {}))
        props = schema.get("properties")
        for field in op.body or ():
            if props is not None and field not in props:
                self.problems.append(f"{where}: sends body field '{field}' the spec does not declare")
        for field in schema.get("required", []):
            if field not in (op.body or ()):
                self.problems.append(f"{where}: never sends required body field '{field}'")

    def _answer(self, where: str, op: Operation, spec: dict[str, Any]) -> None:
        ok = {code: self.resolve(r) for code, r in spec.get("responses", {}).items() if code.startswith("2")}
        if not ok:
            self.problems.append(f"{where}: the spec declares no 2xx answer")
            return
        wanted = "text/event-stream" if op.event_stream else "application/json"
        for code, response in ok.items():
            if code == "204":
                continue  # No Content: nothing to read
            media = response.get("content", {}).get(wanted)
            if media is None:
                self.problems.append(f"{where}: answer {code} is not {wanted} in the spec")
            elif op.answer is not None:
                self.type(op.answer, media.get("schema", {}), f"{where} {code}")

    def type(self, tp: Any, schema: dict[str, Any], where: str) -> None:
        """Checks that a model type (and every field it reads) fits a schema."""
        schema = self.resolve(schema)
        nullable, tp = _unwrap_optional(tp)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                branches = [self.resolve(b) for b in schema[key]]
                real = [b for b in branches if b.get("type") != "null"]
                if len(real) < len(branches) and not nullable:
                    self.problems.append(f"{where}: may be null in the spec, the client does not expect it")
                if len(real) == 1:
                    self.type(tp | None if nullable else tp, real[0], where)
                else:
                    self.unchecked.append(where)
                return
        if "allOf" in schema:
            merged: dict[str, Any] = {"type": "object", "properties": {}}
            for part in schema["allOf"]:
                merged["properties"].update(self.resolve(part).get("properties", {}))
            schema = merged
        kinds = _spec_kinds(schema)
        if kinds and "null" in kinds and not nullable:
            self.problems.append(f"{where}: may be null in the spec, the client does not expect it")
        kind = _sdk_kind(tp)
        if kind and kinds and not (kinds - {"null"}) & _accepts(kind):
            self.problems.append(f"{where}: the client reads {kind}, the spec says {sorted(kinds)}")
            return
        origin = typing.get_origin(tp) or tp
        if dataclasses.is_dataclass(origin):
            props = schema.get("properties")
            generic = dict(zip(getattr(origin, "__parameters__", ()), typing.get_args(tp)))
            for name, _, hint in model_fields(origin):
                hint = _substitute(hint, generic)
                if props is None:
                    self.unchecked.append(f"{where}.{name}")
                elif name not in props:
                    self.problems.append(f"{where}: reads field '{name}' the spec does not declare")
                else:
                    self.type(hint, props[name], f"{where}.{name}")
        elif origin is list and "items" in schema:
            self.type(typing.get_args(tp)[0], schema["items"], f"{where}[]")
        elif origin is dict and isinstance(schema.get("additionalProperties"), dict):
            self.type(typing.get_args(tp)[1], schema["additionalProperties"], f"{where}{{}}")

    def resolve(self, node: Any) -> Any:
        """Follows local ``$ref``s."""
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node


def _unwrap_optional(tp: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) < len(typing.get_args(tp)):
            return True, args[0] if len(args) == 1 else Any
    return tp is Any, tp


def _spec_kinds(schema: dict[str, Any]) -> set[str]:
    t = schema.get("type")
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return set(t)
    if "enum" in schema:
        names = {type(v): n for v, n in ((True, "boolean"), (1, "integer"), (1.0, "number"), ("", "string"))}
        return {"null" if v is None else names.get(type(v), "object") for v in schema["enum"]}
    if "properties" in schema:
        return {"object"}
    return set()


def _sdk_kind(tp: Any) -> str | None:
    origin = typing.get_origin(tp) or tp
    if tp is Any or tp is object:
        return None
    if isinstance(origin, type) and issubclass(origin, enum.Enum) or origin in (str, datetime):
        return "string"
    if origin is bool:
        return "boolean"
    if origin is int:
        return "integer"
    if origin is float:
        return "number"
    if origin in (list, tuple):
        return "array"
    if origin is dict or dataclasses.is_dataclass(origin):
        return "object"
    return None


def _accepts(kind: str) -> set[str]:
    return {"number": {"number", "integer"}}.get(kind, {kind})
