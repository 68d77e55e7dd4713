"""Typed failures of an agent: retryable or permanent, as the agent contract reads them."""

from __future__ import annotations


class AgentError(Exception):
    """A failure the agent recognises, answered as ``{"status": "error", "error": {...}}``.

    ``retryable`` tells AI Spine whether another attempt may succeed. Raise
    :class:`RetryableError` or :class:`PermanentError` rather than this base class.
    """

    def __init__(self, code: str, message: str, retryable: bool):
        if not isinstance(code, str) or not code.strip():
            raise ValueError("an agent error needs a non-empty code, like 'NO_RESERVATION'")
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable

    def to_wire(self) -> dict:
        """The contract's ``error`` object."""
        return {"code": self.code, "message": self.message, "retryable": self.retryable}


class RetryableError(AgentError):
    """Another attempt may succeed: an upstream timed out, you are throttled."""

    def __init__(self, code: str, message: str):
        super().__init__(code, message, True)


class PermanentError(AgentError):
    """Another attempt will fail the same way: bad input, a document that is not a passport."""

    def __init__(self, code: str, message: str):
        super().__init__(code, message, False)


class InvalidInput(PermanentError):
    """The input breaks the agent's rules: the permanent error ``INVALID_INPUT``."""

    def __init__(self, message: str):
        super().__init__("INVALID_INPUT", message)


class DeadlineExceeded(RetryableError):
    """The caller's ``AISpine-Timeout-Ms`` passed: the retryable error ``TIMEOUT``."""

    def __init__(self, message: str = "the call's deadline passed"):
        super().__init__("TIMEOUT", message)
