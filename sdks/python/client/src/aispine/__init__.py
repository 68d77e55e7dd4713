"""The Python client of AI Spine, a durable orchestrator for AI agents (docs/sdk.md).

>>> from aispine import AispineClient
>>> client = AispineClient("http://127.0.0.1:9325", token="ask_…")   # doctest: +SKIP
"""

from .client import AispineClient
from .errors import (
    AispineApiError,
    AispineConnectionError,
    AispineError,
    BadRequestError,
    ConflictError,
    FieldError,
    ForbiddenError,
    NotFoundError,
    Problem,
    UnauthorizedError,
    UnavailableError,
    UnprocessableError,
)
from .models import (
    Agent,
    AgentVersion,
    Approval,
    ApprovalStatus,
    Circuit,
    ErrorInfo,
    Execution,
    ExecutionStatus,
    ExecutionSummary,
    FlowDeployment,
    FlowInput,
    FlowNode,
    FlowSummary,
    FlowVersion,
    Health,
    HealthCheck,
    HistoryEvent,
    NodeRun,
    NodeState,
    Page,
    ReplayOrigin,
)
from .stream import EventStream, ReconnectPolicy, StreamEvent

__version__ = "0.1.0"

__all__ = [
    "AispineClient",
    "EventStream",
    "ReconnectPolicy",
    "StreamEvent",
    "AispineError",
    "AispineApiError",
    "AispineConnectionError",
    "BadRequestError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableError",
    "UnavailableError",
    "Problem",
    "FieldError",
    "Agent",
    "AgentVersion",
    "Approval",
    "ApprovalStatus",
    "Circuit",
    "ErrorInfo",
    "Execution",
    "ExecutionStatus",
    "ExecutionSummary",
    "FlowDeployment",
    "FlowInput",
    "FlowNode",
    "FlowSummary",
    "FlowVersion",
    "Health",
    "HealthCheck",
    "HistoryEvent",
    "NodeRun",
    "NodeState",
    "Page",
    "ReplayOrigin",
]
