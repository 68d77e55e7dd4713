"""HTTP with the bearer token, turning every failure into an ``AispineError`` that names the server,
the request and what went wrong."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.parse
from typing import Any, Mapping

from ._wire import decode
from .errors import AispineApiError, AispineConnectionError, FieldError, Problem
from .operations import Operation

_USER_AGENT = "aispine-python-sdk"
_EXCERPT = 200

Query = Mapping[str, "str | int | list[str] | None"]


class Transport:
    """Sends the operations of ``operations.OPERATIONS`` to one server."""

    def __init__(self, base_url: str, token: str | None, timeout: float) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"the server URL must look like http://host:port, got '{base_url}'")
        self.base = f"{parts.scheme}://{parts.netloc}"
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._token = token
        self._timeout = timeout

    def call(
        self,
        op: Operation,
        params: Mapping[str, str] | None = None,
        query: Query | None = None,
        body: Any = None,
    ) -> tuple[int, Any]:
        """Sends ``op``; returns the status and the answer read into ``op.answer``."""
        path = self.path(op, params or {}, query or {})
        payload: bytes | None = None
        headers = self._headers()
        if op.content_type is not None:
            text = body if isinstance(body, str) else json.dumps(body if body is not None else {})
            payload = text.encode("utf-8")
            headers["Content-Type"] = op.content_type
        conn = self._connection(self._timeout)
        try:
            conn.request(op.method, path, body=payload, headers=headers)
            response = conn.getresponse()
            status, raw = response.status, response.read()
        except (OSError, http.client.HTTPException) as e:
            raise self.connection_error(op.method, path, e) from e
        finally:
            conn.close()
        if not 200 <= status < 300:
            raise self.problem(op.method, path, status, raw)
        try:
            data = json.loads(raw) if raw.strip() else None
        except ValueError:
            raise AispineApiError.of(
                op.method,
                path,
                Problem(
                    type="urn:aispine:problem:bad-response",
                    title="Unreadable answer",
                    status=502,
                    detail=f"the server's answer is not JSON: {_excerpt(raw)}",
                    instance=path,
                ),
            ) from None
        return status, decode(op.answer, data) if op.answer is not None else data

    def open_stream(
        self, op: Operation, params: Mapping[str, str], last_event_id: str | None, idle_timeout: float
    ) -> tuple[http.client.HTTPConnection, socket.socket, http.client.HTTPResponse]:
        """Opens an event stream; the caller reads its lines and closes the connection. A read
        silent for ``idle_timeout`` seconds raises ``TimeoutError``."""
        path = self.path(op, params, {})
        headers = self._headers()
        headers["Accept"] = "text/event-stream"
        headers["Cache-Control"] = "no-cache"
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        conn = self._connection(idle_timeout)
        conn.connect()
        sock = conn.sock  # kept: the response owns it once the connection object lets go
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
        except BaseException:
            conn.close()
            raise
        if response.status != 200:
            raw = response.read(64 * 1024)
            conn.close()
            raise self.problem("GET", path, response.status, raw)
        return conn, sock, response

    def path(self, op: Operation, params: Mapping[str, str], query: Query) -> str:
        """The operation's path with its parameters percent-encoded, and its query string."""
        path = op.path
        for name, value in params.items():
            if value is None or value == "":
                raise ValueError(f"{name} is required for {op.method} {op.path}")
            path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
        pairs: list[tuple[str, str]] = []
        for name, value in query.items():
            if name not in op.query:
                raise ValueError(f"{op.method} {op.path} takes no query parameter '{name}'")
            if value is None:
                continue
            for v in value if isinstance(value, list) else [value]:
                pairs.append((name, str(v)))
        return path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")

    def problem(self, method: str, path: str, status: int, raw: bytes) -> AispineApiError:
        """The typed exception for an error answer, from its problem+json or its raw text."""
        try:
            data = json.loads(raw) if raw.strip() else None
        except ValueError:
            data = None
        if isinstance(data, dict) and ("title" in data or "type" in data):
            errors = [
                FieldError(
                    pointer=e.get("pointer"),
                    parameter=e.get("parameter"),
                    line=e.get("line"),
                    column=e.get("column"),
                    detail=e.get("detail"),
                )
                for e in data.get("errors") or []
                if isinstance(e, dict)
            ]
            problem = Problem(
                type=data.get("type"),
                title=data.get("title"),
                status=status,  # the HTTP status wins over a missing or wrong one in the body
                detail=data.get("detail"),
                instance=data.get("instance"),
                errors=errors,
            )
        else:
            reason = http.client.responses.get(status, f"HTTP {status}")
            problem = Problem(
                type="about:blank",
                title=reason,
                status=status,
                detail=_excerpt(raw) if raw.strip() else None,
                instance=path,
            )
        return AispineApiError.of(method, path, problem)

    def connection_error(self, method: str, path: str, e: BaseException) -> AispineConnectionError:
        """A connection failure worded so that it says what to check."""
        if isinstance(e, ConnectionRefusedError):
            text = f"cannot reach {self.base}: connection refused"
        elif isinstance(e, socket.gaierror):
            text = f"cannot reach {self.base}: unknown host '{self._host}'"
        elif isinstance(e, TimeoutError):
            text = f"{self.base} did not answer {method} {path} within {self._timeout:g} s"
        else:
            text = f"lost the connection to {self.base} during {method} {path}: {e or type(e).__name__}"
        return AispineConnectionError(text)

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout)
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)

    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": _USER_AGENT, "Accept": "application/json, application/problem+json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers


def _excerpt(raw: bytes) -> str:
    flat = " ".join(raw.decode("utf-8", errors="replace").split())
    return flat if len(flat) <= _EXCERPT else flat[:_EXCERPT] + "…"
