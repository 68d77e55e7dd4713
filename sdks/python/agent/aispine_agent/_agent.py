"""An agent: a manifest and one handler, served over HTTP per the AI Spine agent contract."""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Optional, Union

from . import _manifest, _wire
from ._errors import AgentError, DeadlineExceeded, InvalidInput
from ._idempotency import IdempotencyCache

SECRET_ENV = "AISPINE_AGENT_SECRET"
PORT_ENV = "AISPINE_AGENT_PORT"
HOST_ENV = "AISPINE_AGENT_HOST"
DEFAULT_PORT = 8080
DEFAULT_HOST = "127.0.0.1"

LOG = logging.getLogger("aispine_agent")


@dataclass
class Request:
    """One call of the agent, as the handler sees it."""

    input: Dict[str, Any]
    """The call's input object (the node's resolved ``with:``)."""
    action: Optional[str]
    """The requested action, or None for the default."""
    idempotency_key: str
    """The same on every redelivery of this attempt: do side effects once per key."""
    execution_id: str
    node: str
    attempt: int
    context: Dict[str, Any]
    """Execution context: flow id, ``traceparent`` …"""
    timeout_ms: Optional[int] = None
    """``AISpine-Timeout-Ms``: how long AI Spine waits for this answer, None when it did not say."""
    deadline: Optional[float] = None
    """When the caller stops waiting, on the ``time.monotonic()`` clock; None for no deadline."""
    cancelled: threading.Event = field(default_factory=threading.Event)
    """Set when the deadline passed and nobody reads the answer any more: stop working."""

    def remaining(self) -> Optional[float]:
        """Seconds left before the deadline (0 when it passed), None when there is none."""
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def check_deadline(self) -> None:
        """Raises :class:`DeadlineExceeded` once the deadline passed; call it between steps."""
        if self.cancelled.is_set() or (self.deadline is not None and time.monotonic() >= self.deadline):
            raise DeadlineExceeded(f"the deadline of {self.timeout_ms} ms passed")


@dataclass(frozen=True)
class Result:
    """An output with the resources used to make it; return it instead of the bare output."""

    output: Any
    model: Optional[str] = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0

    def usage(self) -> Dict[str, Any]:
        return {
            "model": self.model,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost_usd": self.cost_usd,
        }


Handler = Callable[[Request], Any]


class Crash(Exception):
    """The handler raised something other than an agent error: a 500 problem, never retried silently."""


class Agent:
    """Builds and serves an HTTP agent: ``POST /execute`` with signature checks and idempotency,
    ``GET /health`` and ``GET /manifest``.

    >>> agent = Agent.from_manifest("agent.json")
    >>> @agent.handler
    ... def handle(request):
    ...     return {"greeting": "Hello " + request.input["name"]}
    """

    def __init__(self, name: str, version: str = "0.1.0", **manifest_fields: Any):
        self.manifest = _manifest.manifest(name, version, **manifest_fields)
        self._handler: Optional[Handler] = None
        self._idempotency = IdempotencyCache()

    @classmethod
    def from_manifest(cls, path: Union[str, Path]) -> "Agent":
        """The agent described by the JSON manifest at ``path`` (relative paths: to the caller's file)."""
        path = Path(path)
        if not path.is_absolute():
            caller = inspect.stack()[1].filename
            path = Path(caller).resolve().parent / path
        data = _manifest.read_manifest(path)
        agent = cls.__new__(cls)
        agent.manifest = data
        agent._handler = None
        agent._idempotency = IdempotencyCache()
        return agent

    @property
    def name(self) -> str:
        return self.manifest["name"]

    @property
    def version(self) -> str:
        return self.manifest["version"]

    def handler(self, fn: Handler) -> Handler:
        """Sets what the agent does (usable as a decorator); ``fn`` may be ``async def``."""
        if not callable(fn):
            raise TypeError("the handler must be a function of one request")
        self._handler = fn
        return fn

    def idempotency(self, ttl_s: float, max_keys: int, clock: Callable[[], float] = time.monotonic) -> "Agent":
        """Keeps answers per idempotency key for ``ttl_s`` seconds (default 24 h), at most ``max_keys``."""
        self._idempotency = IdempotencyCache(ttl_s, max_keys, clock)
        return self

    def start(
        self,
        port: Optional[int] = None,
        host: Optional[str] = None,
        secret: Union[str, Iterable[str], None] = ...,  # type: ignore[assignment]
    ):
        """Starts serving in the background and returns the :class:`~aispine_agent.AgentServer`.

        ``port``: default ``$AISPINE_AGENT_PORT``, else 8080; 0 picks a free one.
        ``host``: default ``$AISPINE_AGENT_HOST``, else 127.0.0.1 (this machine only).
        ``secret``: default ``$AISPINE_AGENT_SECRET``; None accepts unsigned calls (a warning is
        logged); a list accepts any of several secrets while one is being rotated.
        """
        from ._server import AgentServer

        if self._handler is None:
            raise RuntimeError(
                f"agent {self.name} has no handler; decorate a function with @agent.handler first"
            )
        if secret is ...:
            secret = os.environ.get(SECRET_ENV)
        secrets = [secret] if isinstance(secret, str) else list(secret or [])
        secrets = [s.strip() for s in secrets if s and s.strip()]
        return AgentServer(self, _host(host), _port(port), secrets)

    # ---- one call

    def execute(self, request: Request) -> Dict[str, Any]:
        """The contract answer for ``request``, at most one run per idempotency key.

        Raises :class:`Crash` when the handler fails with something other than an agent error.
        """
        key = request.idempotency_key
        future, mine = self._idempotency.claim(key)
        if not mine:
            try:
                return future.result(timeout=request.remaining())
            except FutureTimeout:
                return timeout_answer(self.name, request.timeout_ms)
            except Crash:
                raise
            except Exception:
                # The first delivery was cut short; this one has not run, so it may be asked again.
                return {
                    "status": "error",
                    "error": {
                        "code": "DUPLICATE_INTERRUPTED",
                        "message": "the first delivery of this idempotency key was interrupted; retry",
                        "retryable": True,
                    },
                }
        try:
            answer = self._run(request)
        except BaseException as e:
            self._idempotency.forget(key, future)
            future.set_exception(e if isinstance(e, Exception) else Crash(repr(e)))
            raise
        if answer["status"] == "error" and answer["error"]["retryable"]:
            self._idempotency.forget(key, future)
        future.set_result(answer)
        return answer

    def _run(self, request: Request) -> Dict[str, Any]:
        try:
            returned = self._handler(request)  # type: ignore[misc]
            if inspect.isawaitable(returned):
                returned = asyncio.run(_within(returned, request))
        except AgentError as e:
            return {"status": "error", "error": e.to_wire()}
        except ValueError as e:
            # As the Java SDK's IllegalArgumentException: bad input, which another attempt won't fix.
            return {"status": "error", "error": InvalidInput(str(e)).to_wire()}
        except Exception as e:
            LOG.exception("agent %s failed on call %s", self.name, request.idempotency_key)
            raise Crash(
                f"{self.name} failed unexpectedly ({type(e).__name__}); see the agent server's log"
            ) from e
        if isinstance(returned, Result):
            return {"status": "success", "output": returned.output, "usage": returned.usage()}
        return {"status": "success", "output": returned, "usage": Result(None).usage()}


def timeout_answer(name: str, timeout_ms: Optional[int]) -> Dict[str, Any]:
    """The answer when the caller's timeout passed: the retryable ``TIMEOUT``, as the Java server says it."""
    return {"status": "error", "error": DeadlineExceeded(f"{name} did not finish within {timeout_ms} ms").to_wire()}


async def _within(awaitable, request: Request):
    remaining = request.remaining()
    try:
        return await asyncio.wait_for(awaitable, remaining)
    except asyncio.TimeoutError:
        raise DeadlineExceeded(f"the deadline of {request.timeout_ms} ms passed") from None


def _host(host: Optional[str]) -> str:
    return host or os.environ.get(HOST_ENV, "").strip() or DEFAULT_HOST


def _port(port: Optional[int]) -> int:
    if port is not None:
        return port
    text = os.environ.get(PORT_ENV, "").strip()
    if not text:
        return DEFAULT_PORT
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise ValueError(f"${PORT_ENV} must be a TCP port (0-65535), got '{text}'")
    return int(text)
