"""The API's resources as typed, immutable dataclasses (docs/api.md).

Field names are the JSON names (``created_at``), except where Python forbids it (``from_``, whose
``wire`` metadata gives the JSON name). Times are timezone-aware ``datetime`` objects.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

__all__ = [
    "ExecutionStatus",
    "ApprovalStatus",
    "FlowSummary",
    "FlowInput",
    "FlowNode",
    "FlowVersion",
    "FlowDeployment",
    "ErrorInfo",
    "ReplayOrigin",
    "NodeRun",
    "NodeState",
    "ExecutionSummary",
    "Execution",
    "HistoryEvent",
    "Page",
    "Approval",
    "Health",
    "Circuit",
    "AgentVersion",
    "Agent",
    "HealthCheck",
    "FlowVersionStatus",
    "FlowReview",
    "FlowDiff",
    "FlowDecision",
    "PanicStatus",
    "AuditEntry",
    "AuditVerification",
    "Secret",
    "SecretRotation",
    "ModelProvider",
    "ProviderCheck",
    "CostTotal",
    "Costs",
    "Budget",
    "ApiKey",
    "QuotaUse",
    "Workspace",
]

T = TypeVar("T")


class _OpenEnum(str, enum.Enum):
    """A string enum that reads values it does not know as ``UNKNOWN`` (a newer server's)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        return cls.__members__["UNKNOWN"]


class ExecutionStatus(_OpenEnum):
    """Where an execution is; ``terminal`` once it will not change again."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @property
    def terminal(self) -> bool:
        """True for succeeded, failed and cancelled."""
        return self in (ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.CANCELLED)


class ApprovalStatus(_OpenEnum):
    """Where an approval is: pending until answered, expired or cancelled."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


@dataclass(frozen=True, kw_only=True)
class FlowSummary:
    """A deployed flow version, without its nodes."""

    id: str
    version: str
    description: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class FlowInput:
    """A declared input of a flow."""

    type: str | None = None
    required: bool = False
    default: Any = None
    description: str | None = None


@dataclass(frozen=True, kw_only=True)
class FlowNode:
    """A top-level node of a flow: its id, type, what it needs and the agent it calls."""

    id: str
    type: str | None = None
    needs: list[str] = field(default_factory=list)
    agent: str | None = None


@dataclass(frozen=True, kw_only=True)
class FlowVersion(FlowSummary):
    """A flow version with its inputs, nodes, output names and YAML source."""

    inputs: dict[str, FlowInput] = field(default_factory=dict)
    nodes: list[FlowNode] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    yaml: str | None = None


@dataclass(frozen=True, kw_only=True)
class FlowDeployment:
    """The answer to a deploy: the flow version, and whether this call created it (false when the
    same content was already deployed)."""

    flow: FlowVersion
    created: bool


@dataclass(frozen=True, kw_only=True)
class ErrorInfo:
    """Why a node or an execution failed; ``retryable`` says whether trying again may help."""

    code: str | None = None
    message: str | None = None
    retryable: bool = False


@dataclass(frozen=True, kw_only=True)
class ReplayOrigin:
    """For a replay: the execution it replays, the node it replays from, the nodes it reused."""

    execution: str
    from_: str | None = field(default=None, metadata={"wire": "from"})
    reused: list[str] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class NodeRun:
    """One attempt of a node: the agent version it called, when, and how it ended."""

    attempt: int
    status: str | None = None
    agent: str | None = None
    idempotency_key: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration_ms: int | None = None
    error: ErrorInfo | None = None
    usage: dict[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class NodeState:
    """A node instance of an execution (``ocr``, ``review/2/ocr``) and its attempts."""

    path: str
    status: str | None = None
    attempts: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    output: Any = None
    error: ErrorInfo | None = None
    runs: list[NodeRun] = field(default_factory=list)
    reason: str | None = None
    reused: bool = False


@dataclass(frozen=True, kw_only=True)
class ExecutionSummary:
    """An execution as listed: its flow version, status, times and error."""

    id: str
    flow: str
    version: str
    status: ExecutionStatus
    created_at: datetime | None = None
    finished_at: datetime | None = None
    error: ErrorInfo | None = None
    replay_of: ReplayOrigin | None = None


@dataclass(frozen=True, kw_only=True)
class Execution(ExecutionSummary):
    """An execution with its inputs, outputs, pinned agent versions and every node's state."""

    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] | None = None
    agents: dict[str, str] = field(default_factory=dict)
    parent: dict[str, Any] | None = None
    nodes: list[NodeState] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class HistoryEvent:
    """One event of an execution's recorded history."""

    seq: int
    type: str
    node: str | None = None
    attempt: int | None = None
    time: datetime | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Page(Generic[T]):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next (None: last page)."""

    items: list[T] = field(default_factory=list)
    next_cursor: str | None = None

    @property
    def has_more(self) -> bool:
        """True when another page follows."""
        return self.next_cursor is not None


@dataclass(frozen=True, kw_only=True)
class Approval:
    """A question an execution asks a person, and its answer once given."""

    id: str
    execution: str
    node: str
    flow: str | None = None
    message: str | None = None
    approvers: list[str] = field(default_factory=list)
    status: ApprovalStatus
    comment: str | None = None
    answered_by: str | None = None
    answered_by_key: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Health:
    """An agent version's health: ``healthy``, ``degraded``, ``down`` or ``unknown``."""

    state: str
    latency_ms: int | None = None
    last_error: str | None = None
    checked_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Circuit:
    """An agent version's circuit breaker: ``closed``, ``half_open`` or ``open``."""

    state: str
    failures: int = 0
    open_until: datetime | None = None
    rejected: int = 0


@dataclass(frozen=True, kw_only=True)
class AgentVersion:
    """One registered version of an agent, with its manifest, health and circuit."""

    name: str
    version: str
    url: str | None = None
    description: str | None = None
    signed: bool | None = None
    created_at: datetime | None = None
    category: str | None = None
    tags: list[str] | None = None
    input_schema: Any = None
    output_schema: Any = None
    sensitive: bool | None = None
    deprecated: bool = False
    deprecated_at: datetime | None = None
    deprecation_reason: str | None = None
    health: Health | None = None
    circuit: Circuit | None = None


@dataclass(frozen=True, kw_only=True)
class Agent:
    """An agent (built-in or HTTP) with all its versions, oldest first; ``latest`` is the version
    its bare name calls now."""

    name: str
    kind: str
    description: str | None = None
    latest: str | None = None
    versions: list[AgentVersion] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class HealthCheck:
    """The result of a health check made on demand."""

    status: str
    version: str | None = None
    latency_ms: int | None = None
    error: str | None = None
    checked_at: datetime | None = None
    health: Health | None = None
    circuit: Circuit | None = None


class FlowVersionStatus(_OpenEnum):
    """Where a flow version is in its review: only an approved version runs."""

    DRAFT = "draft"
    APPROVED = "approved"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


@dataclass(frozen=True, kw_only=True)
class FlowReview:
    """A flow version's review: its status, who deployed it, and who decided and why."""

    status: FlowVersionStatus
    author: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class FlowDiff:
    """What a flow version changes against another (``against`` None: no version to compare with),
    as a unified diff of the YAML with its count of added and removed lines."""

    flow: str
    version: str
    against: str | None = None
    unified: str
    added: int
    removed: int


@dataclass(frozen=True, kw_only=True)
class FlowDecision:
    """The answer to approving or rejecting a flow version: its review, and on approval the diff
    against the version approved before it."""

    flow: str
    version: str
    review: FlowReview
    diff: FlowDiff | None = None


@dataclass(frozen=True, kw_only=True)
class PanicStatus:
    """Whether panic mode is on (every mutation and new run refused with 423), since when, by which
    key and why."""

    on: bool
    since: datetime | None = None
    by: str | None = None
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class AuditEntry:
    """One entry of the hash-chained audit log: who did what to which target, and its outcome
    (``ok``, ``refused`` or ``error``)."""

    seq: int
    at: datetime
    workspace: str
    key_id: str | None = None
    role: str | None = None
    source: str | None = None
    action: str
    target_type: str | None = None
    target_id: str | None = None
    outcome: str
    status: int | None = None
    request_id: str
    before_hash: str | None = None
    after_hash: str | None = None
    prev_hash: str
    hash: str


@dataclass(frozen=True, kw_only=True)
class AuditVerification:
    """The audit log's hash chain checked from its first entry: ``intact``, or the first broken
    entry's ``broken_seq`` and what is wrong with it."""

    intact: bool
    entries: int
    broken_seq: int | None = None
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class Secret:
    """A secret's name, times and encryption key version; its value is never answered."""

    name: str
    created_at: datetime
    updated_at: datetime
    key_version: int


@dataclass(frozen=True, kw_only=True)
class SecretRotation:
    """The answer to a key rotation: the new key version and how many secrets were re-encrypted."""

    key_version: int
    reencrypted: int


@dataclass(frozen=True, kw_only=True)
class ModelProvider:
    """A model provider of the workspace (``openai``, ``ollama`` or ``anthropic``); its API key is
    never answered, only ``has_api_key``."""

    name: str
    kind: str
    base_url: str
    default_model: str | None = None
    timeout_seconds: int
    is_default: bool
    has_api_key: bool
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class ProviderCheck:
    """Whether a provider answered a check (``ok`` or ``down``), how fast, and why not."""

    name: str
    status: str
    latency_ms: int
    error: ErrorInfo | None = None
    checked_at: datetime


@dataclass(frozen=True, kw_only=True)
class CostTotal:
    """Tokens and cost of the model calls of one group (``key`` None: calls without one)."""

    key: str | None = None
    calls: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


@dataclass(frozen=True, kw_only=True)
class Costs:
    """Tokens and cost of model calls, grouped by ``group_by``, with their sum."""

    group_by: str
    items: list[CostTotal] = field(default_factory=list)
    cost_usd: float


@dataclass(frozen=True, kw_only=True)
class Budget:
    """A daily or monthly budget of the workspace (``flow`` None) or of one flow, with what its
    current window spent; ``policy`` ``fail`` or ``hold`` says what happens beyond it."""

    flow: str | None = None
    period: str
    limit_usd: float
    policy: str
    spent_usd: float
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class ApiKey:
    """An API key of a workspace: its id, name, role, visible ``prefix`` and times. ``key``, the
    key itself, is set only in the answer that created it (it is stored hashed and never shown
    again)."""

    id: str
    workspace: str
    name: str
    role: str
    prefix: str | None = None
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
    key: str | None = None


@dataclass(frozen=True, kw_only=True)
class QuotaUse:
    """One quota of a workspace: its limit (-1: unlimited) and how much of it is used now (None
    where use is counted per key, as API calls per minute)."""

    name: str
    limit: int
    used: int | None = None


@dataclass(frozen=True, kw_only=True)
class Workspace:
    """A workspace: its id, name, plan (``unlimited``, ``free``, ``startup`` or ``scale``) and the
    quotas that plan and the owner's overrides give it."""

    id: str
    name: str
    plan: str
    created_at: datetime
    quotas: list[QuotaUse] = field(default_factory=list)
