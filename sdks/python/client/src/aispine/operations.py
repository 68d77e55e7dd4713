"""Every REST operation the client calls, as data: method, path, parameters, body fields and the
model its answer is read into.

The client sends requests only through this table, and the OpenAPI contract test checks each entry
against the server's ``/openapi.json``; so a route, parameter or field that drifts fails a test
instead of a user's program.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .models import (
    Agent,
    ApiKey,
    AgentVersion,
    Approval,
    AuditEntry,
    AuditVerification,
    Budget,
    Costs,
    Execution,
    ExecutionSummary,
    FlowDecision,
    FlowDiff,
    FlowSummary,
    FlowVersion,
    HealthCheck,
    HistoryEvent,
    ModelProvider,
    Page,
    PanicStatus,
    ProviderCheck,
    Secret,
    SecretRotation,
    Workspace,
)

__all__ = ["Operation", "Items", "Status", "OPERATIONS"]

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Items(Generic[T]):
    """A list answer without paging: ``{"items": [...]}``."""

    items: list[T] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Status:
    """The answer of ``/health`` and ``/ready``."""

    status: str


@dataclass(frozen=True)
class Operation:
    """One REST operation as this client uses it."""

    method: str
    path: str
    query: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    body: tuple[str, ...] | None = None
    content_type: str | None = None
    answer: Any = None
    event_stream: bool = False


_JSON = "application/json"

OPERATIONS: dict[str, Operation] = {
    "health": Operation("GET", "/health", answer=Status),
    "ready": Operation("GET", "/ready", answer=Status),
    # flows
    "deploy_flow": Operation(
        "POST",
        "/api/v1/flows",
        query=("approve",),
        body=(),
        content_type="application/yaml",
        answer=FlowVersion,
    ),
    "list_flows": Operation("GET", "/api/v1/flows", answer=Items[FlowSummary]),
    "get_flow": Operation("GET", "/api/v1/flows/{id}", answer=FlowVersion),
    "list_flow_versions": Operation("GET", "/api/v1/flows/{id}/versions", answer=Items[FlowSummary]),
    "get_flow_version": Operation("GET", "/api/v1/flows/{id}/versions/{version}", answer=FlowVersion),
    "approve_flow": Operation("POST", "/api/v1/flows/{id}/versions/{version}/approve", answer=FlowDecision),
    "reject_flow": Operation(
        "POST",
        "/api/v1/flows/{id}/versions/{version}/reject",
        body=("reason",),
        content_type=_JSON,
        answer=FlowDecision,
    ),
    "diff_flow": Operation(
        "GET", "/api/v1/flows/{id}/versions/{version}/diff", query=("against",), answer=FlowDiff
    ),
    # panic mode
    "panic_status": Operation("GET", "/api/v1/panic", answer=PanicStatus),
    "set_panic": Operation("PUT", "/api/v1/panic", body=("on", "reason"), content_type=_JSON, answer=PanicStatus),
    # audit
    "list_audit": Operation(
        "GET", "/api/v1/audit", query=("since", "action", "outcome", "limit", "cursor"), answer=Page[AuditEntry]
    ),
    "verify_audit": Operation("GET", "/api/v1/audit/verify", answer=AuditVerification),
    # model providers, costs and budgets
    "put_provider": Operation(
        "PUT",
        "/api/v1/providers/{name}",
        body=("kind", "base_url", "default_model", "api_key", "timeout_seconds", "make_default"),
        content_type=_JSON,
        answer=ModelProvider,
    ),
    "list_providers": Operation("GET", "/api/v1/providers", answer=Items[ModelProvider]),
    "test_provider": Operation("POST", "/api/v1/providers/{name}/test", answer=ProviderCheck),
    "make_default_provider": Operation("POST", "/api/v1/providers/{name}/default", answer=ModelProvider),
    "costs": Operation("GET", "/api/v1/costs", query=("group_by", "from", "to", "execution", "flow"), answer=Costs),
    "set_budget": Operation(
        "PUT", "/api/v1/budgets", body=("flow", "period", "limit_usd", "policy"), content_type=_JSON, answer=Budget
    ),
    "list_budgets": Operation("GET", "/api/v1/budgets", answer=Items[Budget]),
    # secrets
    "set_secret": Operation("PUT", "/api/v1/secrets/{name}", body=("value",), content_type=_JSON, answer=Secret),
    "list_secrets": Operation("GET", "/api/v1/secrets", answer=Items[Secret]),
    "delete_secret": Operation("DELETE", "/api/v1/secrets/{name}"),
    "rotate_secrets": Operation("POST", "/api/v1/secrets/rotate", answer=SecretRotation),
    # keys of the caller's workspace
    "create_key": Operation(
        "POST", "/api/v1/keys", body=("name", "role", "expires_at", "workspace"), content_type=_JSON, answer=ApiKey
    ),
    "list_keys": Operation("GET", "/api/v1/keys", answer=Items[ApiKey]),
    "revoke_key": Operation("DELETE", "/api/v1/keys/{id}"),
    # the caller's workspace, and the server's workspaces (the owner's)
    "current_workspace": Operation("GET", "/api/v1/workspace", answer=Workspace),
    "create_workspace": Operation(
        "POST", "/api/v1/workspaces", body=("id", "name", "plan"), content_type=_JSON, answer=Workspace
    ),
    "list_workspaces": Operation("GET", "/api/v1/workspaces", answer=Items[Workspace]),
    "get_workspace": Operation("GET", "/api/v1/workspaces/{id}", answer=Workspace),
    "set_quota": Operation(
        "PUT",
        "/api/v1/workspaces/{id}/quota",
        body=("plan", "api_calls_per_minute", "executions_per_month", "executions_running", "private_agents"),
        content_type=_JSON,
        answer=Workspace,
    ),
    # executions
    "start_execution": Operation(
        "POST",
        "/api/v1/flows/{id}/executions",
        body=("inputs", "version"),
        content_type=_JSON,
        answer=Execution,
    ),
    "list_executions": Operation(
        "GET",
        "/api/v1/executions",
        query=("flow", "status", "since", "until", "replay_of", "limit", "cursor"),
        answer=Page[ExecutionSummary],
    ),
    "get_execution": Operation("GET", "/api/v1/executions/{id}", answer=Execution),
    "list_events": Operation(
        "GET", "/api/v1/executions/{id}/events", query=("after", "limit"), answer=Page[HistoryEvent]
    ),
    "cancel_execution": Operation("POST", "/api/v1/executions/{id}/cancel", answer=Execution),
    "retry_execution": Operation("POST", "/api/v1/executions/{id}/retry", answer=Execution),
    "replay_execution": Operation(
        "POST",
        "/api/v1/executions/{id}/replay",
        body=("from", "inputs", "outputs"),
        content_type=_JSON,
        answer=Execution,
    ),
    "stream_execution": Operation(
        "GET", "/api/v1/executions/{id}/stream", headers=("Last-Event-ID",), event_stream=True
    ),
    "stream_all": Operation("GET", "/api/v1/events/stream", headers=("Last-Event-ID",), event_stream=True),
    # approvals
    "list_approvals": Operation(
        "GET", "/api/v1/approvals", query=("status", "execution", "limit", "cursor"), answer=Page[Approval]
    ),
    "get_approval": Operation("GET", "/api/v1/approvals/{id}", answer=Approval),
    "approve": Operation(
        "POST", "/api/v1/approvals/{id}/approve", body=("comment",), content_type=_JSON, answer=Approval
    ),
    "reject": Operation(
        "POST", "/api/v1/approvals/{id}/reject", body=("comment",), content_type=_JSON, answer=Approval
    ),
    # agents
    "register_agent": Operation(
        "POST",
        "/api/v1/agents",
        body=("name", "version", "url", "secret", "description"),
        content_type=_JSON,
        answer=Agent,
    ),
    "list_agents": Operation("GET", "/api/v1/agents", answer=Items[Agent]),
    "get_agent": Operation("GET", "/api/v1/agents/{name}", answer=Agent),
    "get_agent_version": Operation("GET", "/api/v1/agents/{name}/versions/{version}", answer=AgentVersion),
    "check_agent_health": Operation(
        "POST", "/api/v1/agents/{name}/health-check", query=("version",), answer=HealthCheck
    ),
}
