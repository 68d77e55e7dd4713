"""Live event streams that resume by themselves after a dropped connection."""

from __future__ import annotations

import http.client
import json
import random
import socket
import threading
import time as _time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator, Mapping

from ._http import Transport
from .errors import AispineApiError, AispineConnectionError
from .models import ExecutionStatus
from .operations import Operation
from .sse import SseParser

__all__ = ["ReconnectPolicy", "StreamEvent", "EventStream"]

_TYPE_PREFIX = "io.aispine."
_TERMINAL = {
    "execution.completed": ExecutionStatus.SUCCEEDED,
    "execution.failed": ExecutionStatus.FAILED,
    "execution.cancelled": ExecutionStatus.CANCELLED,
}
_TRANSIENT = {429, 502, 503, 504}


@dataclass(frozen=True)
class ReconnectPolicy:
    """How a stream reconnects after a drop: ``initial_delay`` seconds, doubling up to
    ``max_delay`` (minus up to a quarter of jitter), until the server has been unreachable for
    ``give_up_after`` seconds."""

    initial_delay: float = 0.25
    max_delay: float = 5.0
    give_up_after: float = 300.0

    def __post_init__(self) -> None:
        if not 0 < self.initial_delay <= self.max_delay:
            raise ValueError(
                f"need 0 < initial_delay <= max_delay, got {self.initial_delay} and {self.max_delay}"
            )

    def delay(self, failures: int, first: float | None = None) -> float:
        """The delay after ``failures`` consecutive failed attempts (1 for the first), before
        jitter; ``first`` (the server's ``retry:``) replaces the initial delay."""
        base = first if first is not None else self.initial_delay
        return min(max(self.max_delay, base), base * 2 ** min(max(failures - 1, 0), 20))


@dataclass(frozen=True, kw_only=True)
class StreamEvent:
    """One live event: its stream id (usable as ``Last-Event-ID``), its type such as
    ``node.completed``, the execution and node it is about, and the CloudEvent's data; ``json`` is
    the CloudEvent exactly as received."""

    id: str | None
    type: str
    execution_id: str | None = None
    node: str | None = None
    seq: int | None = None
    attempt: int | None = None
    time: datetime | None = None
    data: dict[str, Any] = field(default_factory=dict)
    json: str = ""

    @property
    def terminal(self) -> bool:
        """True for the event that ends an execution: completed, failed or cancelled."""
        return self.type in _TERMINAL

    @property
    def execution_status(self) -> ExecutionStatus:
        """The status a terminal event means, else ``RUNNING``."""
        return _TERMINAL.get(self.type, ExecutionStatus.RUNNING)

    @staticmethod
    def parse(id: str | None, event: str, data: str) -> StreamEvent:
        """Reads one SSE message whose data is a CloudEvent; a message that is not one is still
        delivered, with only its id, type and raw data."""
        try:
            cloud = json.loads(data)
        except ValueError:
            cloud = None
        if not isinstance(cloud, dict):
            return StreamEvent(id=id, type=event, json=data)
        payload = cloud.get("data") if isinstance(cloud.get("data"), dict) else {}
        cloud_type = cloud.get("type") or ""
        kind = event if event and event != "message" else cloud_type.removeprefix(_TYPE_PREFIX)
        source = cloud.get("source") or ""
        execution = (
            source.removeprefix("/executions/").split("/")[0]
            if source.startswith("/executions/")
            else payload.get("execution_id")
        )
        try:
            when = datetime.fromisoformat(cloud["time"]) if cloud.get("time") else None
        except ValueError:
            when = None
        return StreamEvent(
            id=id,
            type=kind,
            execution_id=execution,
            node=cloud.get("subject"),
            seq=payload.get("seq"),
            attempt=payload.get("attempt"),
            time=when,
            data=payload,
            json=data,
        )


class EventStream(Iterator[StreamEvent]):
    """A live subscription to a server-sent event stream, read by iterating over it.

    Each event comes once, in order. When the connection drops (a network blip, a server restart,
    ``idle_timeout`` seconds of silence) the stream reconnects with ``Last-Event-ID`` and goes on
    after the last event it delivered. An execution's stream ends after its terminal event; the
    global one when ``close()`` is called (from any thread). The first connection fails at once
    with ``AispineConnectionError`` when the server cannot be reached; a refusal such as 401 or 404
    raises its ``AispineApiError``; 429, 502, 503 and 504 are retried.
    """

    def __init__(
        self,
        transport: Transport,
        op: Operation,
        params: Mapping[str, str],
        last_event_id: str | None,
        ends_at_terminal_event: bool,
        policy: ReconnectPolicy,
        idle_timeout: float,
    ) -> None:
        self._transport = transport
        self._op = op
        self._params = dict(params)
        self._ends = ends_at_terminal_event
        self._policy = policy
        self._idle_timeout = idle_timeout
        self._closed = threading.Event()
        self._sock: socket.socket | None = None
        self._events = self._run()
        self.last_event_id: str | None = last_event_id
        """The id of the last event delivered: pass it to a new stream to resume after it."""
        self.reconnects = 0
        """How many times the stream reconnected after a dropped connection."""

    def __iter__(self) -> EventStream:
        return self

    def __next__(self) -> StreamEvent:
        return next(self._events)

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stops the stream; a read blocked in another thread returns at once."""
        self._closed.set()
        sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

    def _run(self) -> Iterator[StreamEvent]:
        failures = 0
        down_since: float | None = None
        ever_connected = False
        server_retry: float | None = None
        path = self._transport.path(self._op, self._params, {})
        while not self._closed.is_set():
            parser = SseParser(self.last_event_id)
            conn = None
            try:
                conn, self._sock, response = self._transport.open_stream(
                    self._op, self._params, self.last_event_id, self._idle_timeout
                )
                ever_connected = True
                while not self._closed.is_set():
                    raw = response.readline()
                    if not raw:
                        break  # the server ended the connection
                    for message in parser.feed(raw):
                        event = StreamEvent.parse(message.id, message.event, message.data)
                        self.last_event_id = message.id
                        failures, down_since = 0, None  # the connection works again
                        yield event
                        if self._ends and event.terminal:
                            return
            except AispineApiError as e:
                if e.status not in _TRANSIENT:
                    raise
            except (OSError, http.client.HTTPException) as e:
                if self._closed.is_set():
                    return
                if not ever_connected:
                    raise self._transport.connection_error("GET", path, e) from e
            finally:
                self._sock = None
                if conn is not None:
                    conn.close()
                if parser.retry_ms is not None:
                    server_retry = parser.retry_ms / 1000
            if self._closed.is_set():
                return
            now = _time.monotonic()
            if down_since is None:
                down_since = now
            elif now - down_since > self._policy.give_up_after:
                raise AispineConnectionError(
                    f"lost the event stream {path} of {self._transport.base} for over "
                    f"{self._policy.give_up_after:g} s; resume with Last-Event-ID {self.last_event_id}"
                )
            failures += 1
            delay = self._policy.delay(failures, server_retry)
            # Up to a quarter less, so that the clients of a restarted server do not return in step.
            if self._closed.wait(delay - random.uniform(0, delay / 4)):
                return
            self.reconnects += 1
