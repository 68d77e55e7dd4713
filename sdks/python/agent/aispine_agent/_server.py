"""The HTTP side: ``GET /health``, ``GET /manifest`` and ``POST /execute`` on a threading server."""

from __future__ import annotations

import logging
import re
import signal
import socket
import threading
import time
from concurrent.futures import Future
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import List, Optional

from . import _wire
from ._agent import LOG, Agent, Crash, Request, timeout_answer
from ._signature import SIGNATURE, SIGNATURE_ID, SIGNATURE_TIMESTAMP, InvalidSignature, SignatureVerifier

_TRACEPARENT = re.compile(r"00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}")
_SERVES = "an agent serves GET /health and POST /execute"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The certification suite opens 100 connections at once; the default backlog of 5 drops SYNs.
    request_queue_size = 256


class _Server6(_Server):
    address_family = socket.AF_INET6


class AgentServer:
    """A running agent server; :meth:`close` stops it, :meth:`wait` blocks until SIGTERM or Ctrl-C."""

    def __init__(self, agent: Agent, host: str, port: int, secrets: List[str]):
        self.agent = agent
        self._verifier = SignatureVerifier(secrets) if secrets else None
        self._closing = False
        server_class = _Server6 if ":" in host else _Server
        self._httpd = server_class((host, port), _handler_for(self))
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name=f"agent-{agent.name}", daemon=True
        )
        self._thread.start()
        if self._verifier is None:
            LOG.warning("agent %s accepts unsigned requests on port %d", agent.name, self.port)

    @property
    def url(self) -> str:
        """The base URL, such as ``http://127.0.0.1:8080``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def close(self) -> None:
        """Stops serving; calls in flight are cut off."""
        self._closing = True
        self._httpd.shutdown()
        self._httpd.server_close()

    def wait(self) -> None:
        """Serves until SIGTERM or SIGINT (Ctrl-C), then closes."""
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        while not stop.wait(1.0):
            pass
        self.close()

    def __enter__(self) -> "AgentServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- POST /execute

    def execute(self, headers, body: bytes) -> dict:
        """The contract answer for one call; raises :class:`~aispine_agent._wire.Problem` to refuse it."""
        if self._closing:
            raise _wire.unavailable("the agent server is shutting down")
        if self._verifier is not None:
            try:
                self._verifier.verify(
                    headers.get(SIGNATURE_ID), headers.get(SIGNATURE_TIMESTAMP), headers.get(SIGNATURE), body
                )
            except InvalidSignature as e:
                # The messages name headers and clock skew, never a secret or an expected value.
                raise _wire.unauthorized(str(e)) from None
        fields = _wire.parse_execute(body)
        timeout_ms = _wire.timeout_ms(headers.get("AISpine-Timeout-Ms"))
        traceparent = headers.get("traceparent")
        if traceparent and _TRACEPARENT.fullmatch(traceparent) and "traceparent" not in fields["context"]:
            fields["context"]["traceparent"] = traceparent
        request = Request(
            **fields,
            timeout_ms=timeout_ms,
            deadline=None if timeout_ms is None else time.monotonic() + timeout_ms / 1000,
        )
        try:
            if timeout_ms is None:
                return self.agent.execute(request)
            return self._within_deadline(request)
        except Crash as e:
            raise _wire.internal(str(e)) from None

    def _within_deadline(self, request: Request) -> dict:
        """Runs the call on its own thread and answers ``TIMEOUT`` when the caller stops waiting."""
        done: Future = Future()

        def run():
            try:
                done.set_result(self.agent.execute(request))
            except BaseException as e:  # noqa: B902 - handed to the waiting request thread
                done.set_exception(e)

        threading.Thread(target=run, name=f"call-{request.idempotency_key}", daemon=True).start()
        try:
            return done.result(timeout=request.remaining())
        except TimeoutError:
            # A thread cannot be stopped from outside: tell the handler, and answer for it.
            request.cancelled.set()
            return timeout_answer(self.agent.name, request.timeout_ms)


def _handler_for(server: AgentServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: with Nagle's algorithm on, the body would wait for
        # the caller's delayed ACK of the headers (40 ms on Linux) on every keep-alive answer.
        disable_nagle_algorithm = True
        server_version = "aispine-agent"
        sys_version = ""

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass  # One line per call would drown the agent's own log.

        def do_GET(self):
            self._route("GET")

        def do_POST(self):
            self._route("POST")

        def do_PUT(self):
            self._route("PUT")

        def do_PATCH(self):
            self._route("PATCH")

        def do_DELETE(self):
            self._route("DELETE")

        def _route(self, method: str):
            path = self.path.split("?", 1)[0]
            try:
                if path == "/execute" and method == "POST":
                    body = self._body()
                    self._json(200, _encode_answer(server.execute(self.headers, body)))
                    return
                self._discard_body()
                if path == "/health" and method == "GET":
                    self._json(200, _wire.encode({"status": "ok", "name": server.agent.name, "version": server.agent.version}))
                elif path == "/manifest" and method == "GET":
                    self._json(200, _wire.encode(server.agent.manifest))
                elif path in ("/health", "/manifest", "/execute"):
                    raise _wire.method_not_allowed(f"{method} {path} is not allowed; {_SERVES}")
                else:
                    raise _wire.not_found(f"no such endpoint: {method} {path}; {_SERVES}")
            except _wire.Problem as problem:
                self._json(problem.status, _wire.encode(problem.body), _wire.PROBLEM_MEDIA_TYPE)
            except Exception:
                LOG.exception("unexpected failure serving %s %s", method, path)
                problem = _wire.internal("the agent server failed unexpectedly; see its log")
                self._json(500, _wire.encode(problem.body), _wire.PROBLEM_MEDIA_TYPE)

        def _body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                return self._chunked()
            length = self._declared_length()
            if length > _wire.MAX_BODY_BYTES:
                # Read what a caller sends on (within reason) before answering, so that it gets the
                # 413 instead of a broken pipe while it is still writing the body.
                if length <= _wire.DRAIN_LIMIT_BYTES:
                    while length > 0:
                        length -= len(self.rfile.read(min(length, 1 << 16))) or length
                self.close_connection = True
                raise _wire.too_large()
            return self.rfile.read(length) if length > 0 else b""

        def _chunked(self) -> bytes:
            chunks, total = [], 0
            while True:
                try:
                    size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                except ValueError:
                    self.close_connection = True
                    raise _wire.bad_request("the chunked body is malformed: a chunk size is not hex") from None
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    if total > _wire.MAX_BODY_BYTES:
                        self.close_connection = True
                        raise _wire.too_large()
                    return b"".join(chunks)
                total += size
                if total > _wire.DRAIN_LIMIT_BYTES:
                    self.close_connection = True
                    raise _wire.too_large()
                data = self.rfile.read(size)
                self.rfile.readline()
                if total <= _wire.MAX_BODY_BYTES:
                    chunks.append(data)

        def _declared_length(self) -> int:
            try:
                return max(0, int(self.headers.get("Content-Length", "0")))
            except ValueError:
                self.close_connection = True
                raise _wire.bad_request("header Content-Length must be a number of bytes") from None

        def _discard_body(self):
            length = self._declared_length()
            if self.headers.get("Transfer-Encoding") or length > _wire.MAX_BODY_BYTES:
                self.close_connection = True
            elif length > 0:
                self.rfile.read(length)

        def _json(self, status: int, body: bytes, media_type: str = "application/json"):
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _encode_answer(answer: dict) -> bytes:
    if answer.get("status") == "success" and answer.get("output") is None:
        answer = {k: v for k, v in answer.items() if k != "output"}  # Absent means null, as in Java.
    try:
        return _wire.encode(answer)
    except (TypeError, ValueError) as e:
        # An output that is not JSON is the agent's bug; say so in the contract's own terms.
        return _wire.encode(
            {
                "status": "error",
                "error": {
                    "code": "AGENT_PROTOCOL",
                    "message": f"the agent's output cannot be written as JSON: {e}",
                    "retryable": False,
                },
            }
        )


logging.getLogger("aispine_agent").addHandler(logging.NullHandler())
