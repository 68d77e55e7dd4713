"""The agent manifest: what the agent is, takes and gives, served at ``GET /manifest``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, Union

NAME = re.compile(r"[a-z][a-z0-9-]{0,62}")
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)

# The fields the Java SDK's AgentManifest carries, with its defaults (None: left out when unset).
_DEFAULTS: Dict[str, Any] = {
    "description": "",
    "category": "general",
    "tags": [],
    "input_schema": {"type": "object"},
    "output_schema": {},
    "sample_input": {},
    "pricing": None,
    "limits": None,
    "sensitive_actions": None,
    "sensitive": None,
}


def manifest(name: str, version: str, **fields: Any) -> Dict[str, Any]:
    """A manifest with the Java SDK's defaults; unknown fields are dropped, as it drops them."""
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(
            f"agent name '{name}' must be lower-case letters, digits and dashes, like 'ocr-id'"
        )
    if not isinstance(version, str) or not SEMVER.match(version):
        raise ValueError(
            f"agent version '{version}' is not a semantic version; write it like '1.0.0'"
        )
    result: Dict[str, Any] = {"name": name, "version": version}
    for field, default in _DEFAULTS.items():
        value = fields.get(field)
        value = default if value is None else value
        if value is not None:
            result[field] = value
    return result


def read_manifest(path: Union[str, Path]) -> Dict[str, Any]:
    """The manifest in the JSON file at ``path``, such as ``agent.json``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"no agent manifest at {path}; create it (see agent.json)") from None
    except json.JSONDecodeError as e:
        raise ValueError(
            f"cannot read the agent manifest {path}: line {e.lineno} column {e.colno}: {e.msg}"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"the agent manifest {path} must be a JSON object")
    fields = {k: v for k, v in data.items() if k not in ("name", "version")}
    return manifest(data.get("name"), data.get("version"), **fields)
