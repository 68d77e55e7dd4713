"""The JSON of ``POST /execute`` and of RFC 9457 problems, checked as the Java AgentServer checks it."""

from __future__ import annotations

import json
import math
from typing import Any, Dict, Optional

MAX_BODY_BYTES = 1 << 20
# A body over the limit is still read up to this size before the 413, so the caller gets the answer.
DRAIN_LIMIT_BYTES = 8 << 20
PROBLEM_MEDIA_TYPE = "application/problem+json"
_INT_MAX = 2**31 - 1


class Problem(Exception):
    """An RFC 9457 problem: the answer to a request the agent will not run."""

    def __init__(self, slug: str, title: str, status: int, detail: str, pointer: Optional[str] = None):
        super().__init__(detail)
        self.body: Dict[str, Any] = {
            "type": "urn:aispine:problem:" + slug,
            "title": title,
            "status": status,
            "detail": detail,
        }
        if pointer is not None:
            self.body["pointer"] = pointer
        self.status = status


def bad_request(detail: str, field: Optional[str] = None) -> Problem:
    return Problem("invalid-request", "Invalid request", 400, detail, None if field is None else "/" + field)


def unauthorized(detail: str) -> Problem:
    return Problem("invalid-signature", "Invalid signature", 401, detail)


def not_found(detail: str) -> Problem:
    return Problem("not-found", "Not found", 404, detail)


def method_not_allowed(detail: str) -> Problem:
    return Problem("method-not-allowed", "Method not allowed", 405, detail)


def too_large() -> Problem:
    return Problem(
        "body-too-large", "Request body too large", 413, f"the body must be at most {MAX_BODY_BYTES} bytes"
    )


def internal(detail: str) -> Problem:
    return Problem("internal-error", "Internal error", 500, detail)


def unavailable(detail: str) -> Problem:
    return Problem("unavailable", "Service unavailable", 503, detail)


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            # A signed body must mean one thing: {"attempt":1,"attempt":2} is rejected, not guessed.
            raise ValueError(f"duplicate field '{key}'")
        obj[key] = value
    return obj


def _no_constant(name):
    raise ValueError(f"'{name}' is not a JSON value")


def parse_execute(body: bytes) -> Dict[str, Any]:
    """The fields of an execute request; raises a 400 :class:`Problem` naming the field at fault."""
    if not body.strip():
        raise bad_request("the body is empty; send the call as a JSON object")
    try:
        text = body.decode("utf-8")
        root = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except UnicodeDecodeError as e:
        raise bad_request(f"the body is not valid JSON: not UTF-8 at byte {e.start}") from None
    except json.JSONDecodeError as e:
        raise bad_request(f"the body is not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}") from None
    except (ValueError, RecursionError) as e:
        raise bad_request(f"the body is not valid JSON: {e}") from None
    if not isinstance(root, dict):
        raise bad_request(f"the body must be a JSON object, got {_kind(root)}", "")
    context = _object(root, "context", False)
    return {
        "execution_id": _text(root, "execution_id"),
        "node": _text(root, "node"),
        "attempt": _attempt(root),
        "idempotency_key": _text(root, "idempotency_key"),
        "action": _optional_text(root, "action"),
        "input": _object(root, "input", True),
        "context": {k: v for k, v in context.items() if v is not None},
    }


def _text(root, field):
    value = root.get(field)
    if value is None:
        raise bad_request(f"missing required field '{field}' (a non-empty string)", field)
    if not isinstance(value, str) or not value.strip():
        raise bad_request(f"'{field}' must be a non-empty string, got {_kind(value)}", field)
    return value


def _optional_text(root, field):
    value = root.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"'{field}' must be a string or null, got {_kind(value)}", field)
    return value


def _attempt(root):
    value = root.get("attempt")
    if value is None:
        raise bad_request("missing required field 'attempt' (an integer >= 1)", "attempt")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _INT_MAX:
        raise bad_request(f"'attempt' must be an integer >= 1, got {_kind(value)}", "attempt")
    return value


def _object(root, field, required):
    value = root.get(field)
    if value is None:
        if required:
            raise bad_request(f"missing required field '{field}' (a JSON object)", field)
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"'{field}' must be a JSON object, got {_kind(value)}", field)
    return value


def _kind(value) -> str:
    """How a value reads in a message: its JSON type, and short scalars themselves."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return '"' + value + '"' if len(value) <= 40 else "a string"
    if value is None:
        return "null"
    return json.dumps(value)


def timeout_ms(header: Optional[str]) -> Optional[int]:
    """The ``AISpine-Timeout-Ms`` header as milliseconds, None when absent; 400 when malformed."""
    if header is None or not header.strip():
        return None
    text = header.strip()
    if text.lstrip("+-").isdigit() and int(text) > 0:
        return int(text)
    raise bad_request("header AISpine-Timeout-Ms must be a whole number of milliseconds > 0")


def encode(value: Any) -> bytes:
    """Compact UTF-8 JSON; raises ValueError for what JSON cannot hold (NaN, sets, objects)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def finite(number: Any) -> bool:
    return isinstance(number, (int, float)) and not isinstance(number, bool) and math.isfinite(number)
