"""Errors raised by the client: the server's RFC 9457 problems as typed exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AispineError",
    "AispineConnectionError",
    "AispineApiError",
    "BadRequestError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableError",
    "LockedError",
    "UnavailableError",
    "Problem",
    "FieldError",
]


@dataclass(frozen=True, kw_only=True)
class FieldError:
    """One problem inside a request: where it is (JSON pointer, query parameter, YAML line and
    column) and what is wrong there."""

    pointer: str | None = None
    parameter: str | None = None
    line: int | None = None
    column: int | None = None
    detail: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.line is not None:
            where = f"line {self.line}" + (f" col {self.column}" if self.column is not None else "")
        place = self.pointer or self.parameter
        if place:
            where = f"{where} ({place})" if where else place
        return f"{where}: {self.detail}" if where else str(self.detail)


@dataclass(frozen=True, kw_only=True)
class Problem:
    """An RFC 9457 problem the server answered with."""

    type: str | None = None
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """The type's short name: ``invalid-flow`` for ``urn:aispine:problem:invalid-flow``."""
        return (self.type or "").rsplit(":", 1)[-1]


class AispineError(Exception):
    """Every error this client raises."""


class AispineConnectionError(AispineError):
    """The server could not be reached or stopped answering."""


class AispineApiError(AispineError):
    """The server refused a request with an error status; ``problem`` holds its problem+json.

    A subclass per status lets callers catch what they can handle: ``NotFoundError``,
    ``ConflictError``, ``UnprocessableError`` …
    """

    def __init__(self, method: str, path: str, problem: Problem) -> None:
        self.method = method
        self.path = path
        self.problem = problem
        title = problem.title or f"HTTP {problem.status}"
        detail = f": {problem.detail}" if problem.detail else ""
        lines = [f"{method} {path} answered {problem.status} {title}{detail}"]
        lines += [f"  {e}" for e in problem.errors]
        super().__init__("\n".join(lines))

    @property
    def status(self) -> int:
        """The HTTP status, such as 404 or 422."""
        return self.problem.status or 0

    @property
    def kind(self) -> str:
        """The problem type's short name, such as ``invalid-flow`` or ``conflict``."""
        return self.problem.kind

    @property
    def errors(self) -> list[FieldError]:
        """One entry per faulty field, parameter or YAML position."""
        return self.problem.errors

    @staticmethod
    def of(method: str, path: str, problem: Problem) -> AispineApiError:
        """The exception of the class that matches the problem's status."""
        cls = _BY_STATUS.get(problem.status or 0, AispineApiError)
        return cls(method, path, problem)


class BadRequestError(AispineApiError):
    """400: malformed or unknown input; ``errors`` names each field or parameter."""


class UnauthorizedError(AispineApiError):
    """401: no API key, or one the server does not know."""


class ForbiddenError(AispineApiError):
    """403: the key's role may not do this (answering an approval, say)."""


class NotFoundError(AispineApiError):
    """404: no such flow, version, execution, agent or approval."""


class ConflictError(AispineApiError):
    """409: the resource's state forbids it (cancel of a finished execution, a second answer …)."""


class UnprocessableError(AispineApiError):
    """422: an invalid flow (``errors`` with YAML line and column) or inputs that do not fit."""


class LockedError(AispineApiError):
    """423: panic mode is on; every mutation and new run is refused until an admin switches it off."""


class UnavailableError(AispineApiError):
    """503: the store is unreachable or the server is shutting down; try again later."""


_BY_STATUS: dict[int, type[AispineApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableError,
    423: LockedError,
    503: UnavailableError,
}
