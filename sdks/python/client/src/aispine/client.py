"""The client of the AI Spine REST API v1 (docs/api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator, Mapping

from ._http import Transport
from .errors import UnavailableError
from .models import (
    Agent,
    AgentVersion,
    ApiKey,
    Approval,
    ApprovalStatus,
    AuditEntry,
    AuditVerification,
    Budget,
    Costs,
    Execution,
    ExecutionStatus,
    ExecutionSummary,
    FlowDecision,
    FlowDeployment,
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
from .operations import OPERATIONS
from .stream import EventStream, ReconnectPolicy

__all__ = ["AispineClient"]


class AispineClient:
    """A client for one AI Spine server: one method per route, errors as ``AispineApiError``
    subclasses (the server's problem+json) or ``AispineConnectionError``, and resumable event
    streams.

    Each call opens its own connection, so one client may be shared by threads.

    >>> with AispineClient("http://127.0.0.1:9325", token=key) as client:   # doctest: +SKIP
    ...     started = client.start_execution("hello", {"name": "Ada"})
    ...     for event in client.stream(started.id):
    ...         print(event.type)
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        reconnect: ReconnectPolicy = ReconnectPolicy(),
        stream_idle_timeout: float = 45.0,
    ) -> None:
        """
        :param base_url: the server, such as ``http://127.0.0.1:9325`` (a path is ignored)
        :param token: the API key, sent as ``Authorization: Bearer …``
        :param timeout: seconds to wait for a connection and an answer (streams excepted)
        :param reconnect: how event streams reconnect after a drop
        :param stream_idle_timeout: seconds without a byte after which a stream counts as dropped
            (the server sends a keep-alive every 15 s)
        """
        self._http = Transport(base_url, token, timeout)
        self._reconnect = reconnect
        self._idle = stream_idle_timeout

    @property
    def base_url(self) -> str:
        """The server's base URL."""
        return self._http.base

    def __enter__(self) -> AispineClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release (each call has its own connection); here for ``with`` blocks."""

    # ---- operations

    def healthy(self) -> bool:
        """``GET /health``: true when the server process answers."""
        return self._http.call(OPERATIONS["health"])[1].status == "ok"

    def ready(self) -> bool:
        """``GET /ready``: true when the server's store answers, false on 503."""
        try:
            return self._http.call(OPERATIONS["ready"])[1].status == "ready"
        except UnavailableError:
            return False

    # ---- flows

    def deploy_flow(self, yaml: str, approve: bool = False) -> FlowDeployment:
        """``POST /api/v1/flows``: deploys a flow version from its YAML as a draft, which cannot run
        until an admin approves it. ``approve=True`` deploys and approves in one step, which only a
        server that lets authors approve their own drafts accepts (a local development server).

        ``created`` is false when the same id, version and content were already deployed. An
        invalid flow raises ``UnprocessableError`` with one ``errors`` entry per problem (YAML line,
        column, pointer, did-you-mean detail).
        """
        query = {"approve": "true"} if approve else {}
        status, flow = self._http.call(OPERATIONS["deploy_flow"], query=query, body=yaml)
        return FlowDeployment(flow=flow, created=status == 201)

    def list_flows(self) -> list[FlowSummary]:
        """``GET /api/v1/flows``: the latest version of every flow."""
        return self._http.call(OPERATIONS["list_flows"])[1].items

    def get_flow(self, flow_id: str) -> FlowVersion:
        """``GET /api/v1/flows/{id}``: the latest version of a flow."""
        return self._http.call(OPERATIONS["get_flow"], {"id": flow_id})[1]

    def list_flow_versions(self, flow_id: str) -> list[FlowSummary]:
        """``GET /api/v1/flows/{id}/versions``: every version of a flow, oldest first."""
        return self._http.call(OPERATIONS["list_flow_versions"], {"id": flow_id})[1].items

    def get_flow_version(self, flow_id: str, version: str) -> FlowVersion:
        """``GET /api/v1/flows/{id}/versions/{version}``: one version of a flow."""
        return self._http.call(OPERATIONS["get_flow_version"], {"id": flow_id, "version": version})[1]

    def approve_flow(self, flow_id: str, version: str) -> FlowDecision:
        """``POST /api/v1/flows/{id}/versions/{version}/approve``: approves a draft so that it can
        run; the answer holds the diff against the version approved before it. ``ForbiddenError``
        for a key that is not admin (or, under four eyes, for the draft's author), ``ConflictError``
        when the version is not a draft."""
        return self._http.call(OPERATIONS["approve_flow"], {"id": flow_id, "version": version})[1]

    def reject_flow(self, flow_id: str, version: str, reason: str) -> FlowDecision:
        """``POST /api/v1/flows/{id}/versions/{version}/reject``: rejects a draft (or withdraws an
        approval) with a reason; the version never runs."""
        params = {"id": flow_id, "version": version}
        return self._http.call(OPERATIONS["reject_flow"], params, body={"reason": reason})[1]

    def diff_flow(self, flow_id: str, version: str, against: str | None = None) -> FlowDiff:
        """``GET /api/v1/flows/{id}/versions/{version}/diff``: what a version changes against the
        last approved one, or against version ``against``."""
        params = {"id": flow_id, "version": version}
        return self._http.call(OPERATIONS["diff_flow"], params, {"against": against})[1]

    # ---- panic mode

    def panic_status(self) -> PanicStatus:
        """``GET /api/v1/panic``: whether panic mode is on."""
        return self._http.call(OPERATIONS["panic_status"])[1]

    def set_panic(self, on: bool, reason: str | None = None) -> PanicStatus:
        """``PUT /api/v1/panic``: switches panic mode on (every mutation and new run refused with
        ``LockedError``, reads and cancels still answered) or off. Takes an admin key."""
        body: dict[str, Any] = {"on": on}
        if reason is not None:
            body["reason"] = reason
        return self._http.call(OPERATIONS["set_panic"], body=body)[1]

    # ---- executions

    def start_execution(
        self, flow_id: str, inputs: Mapping[str, Any] | None = None, *, version: str | None = None
    ) -> Execution:
        """``POST /api/v1/flows/{id}/executions``: starts a flow (its latest version unless
        ``version`` is given); returns once the start is durable. Inputs that do not match the flow
        raise ``UnprocessableError`` (``invalid-inputs``) naming each one."""
        body: dict[str, Any] = {"inputs": dict(inputs or {})}
        if version is not None:
            body["version"] = version
        return self._http.call(OPERATIONS["start_execution"], {"id": flow_id}, body=body)[1]

    def list_executions(
        self,
        *,
        flow: str | None = None,
        statuses: list[ExecutionStatus | str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        replay_of: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[ExecutionSummary]:
        """``GET /api/v1/executions``: one page of executions, newest first.

        Pass the page's ``next_cursor`` back as ``cursor`` for the next page, or use
        ``iter_executions`` to read them all.
        """
        query = {
            "flow": flow,
            "status": [_wire(s) for s in statuses] if statuses else None,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "replay_of": replay_of,
            "limit": _limit(limit),
            "cursor": cursor,
        }
        return self._http.call(OPERATIONS["list_executions"], query=query)[1]

    def iter_executions(self, **filters: Any) -> Iterator[ExecutionSummary]:
        """Every execution that ``list_executions(**filters)`` selects, newest first, page after
        page."""
        cursor = filters.pop("cursor", None)
        while True:
            page = self.list_executions(cursor=cursor, **filters)
            yield from page.items
            if not page.has_more:
                return
            cursor = page.next_cursor

    def get_execution(self, execution_id: str) -> Execution:
        """``GET /api/v1/executions/{id}``: an execution with every node's state."""
        return self._http.call(OPERATIONS["get_execution"], {"id": execution_id})[1]

    def list_events(self, execution_id: str, after: int = 0, limit: int | None = None) -> Page[HistoryEvent]:
        """``GET /api/v1/executions/{id}/events``: one page of history after sequence ``after``."""
        query = {"after": after, "limit": _limit(limit)}
        return self._http.call(OPERATIONS["list_events"], {"id": execution_id}, query)[1]

    def history(self, execution_id: str) -> list[HistoryEvent]:
        """An execution's whole history, oldest first, reading every page."""
        events: list[HistoryEvent] = []
        after = 0
        while True:
            page = self.list_events(execution_id, after, 500)
            events += page.items
            if not page.has_more or not page.items:
                return events
            after = page.items[-1].seq

    def cancel_execution(self, execution_id: str) -> Execution:
        """``POST /api/v1/executions/{id}/cancel``: cancels a running execution
        (``ConflictError`` once it has finished)."""
        return self._http.call(OPERATIONS["cancel_execution"], {"id": execution_id})[1]

    def retry_execution(self, execution_id: str) -> Execution:
        """``POST /api/v1/executions/{id}/retry``: re-runs the failed nodes of a failed execution,
        keeping every succeeded node's output (``ConflictError`` unless it failed)."""
        return self._http.call(OPERATIONS["retry_execution"], {"id": execution_id})[1]

    def replay_execution(
        self,
        execution_id: str,
        from_node: str,
        *,
        inputs: Mapping[str, Any] | None = None,
        outputs: Mapping[str, Any] | None = None,
    ) -> Execution:
        """``POST /api/v1/executions/{id}/replay``: replays a finished execution from a node, as a
        new execution of the same flow version; the nodes before it keep their recorded results.

        :param inputs: input values merged over the origin's
        :param outputs: replacement outputs of reused nodes, by node id
        """
        body: dict[str, Any] = {"from": from_node}
        if inputs:
            body["inputs"] = dict(inputs)
        if outputs:
            body["outputs"] = dict(outputs)
        return self._http.call(OPERATIONS["replay_execution"], {"id": execution_id}, body=body)[1]

    # ---- approvals

    def list_approvals(
        self,
        *,
        statuses: list[ApprovalStatus | str] | None = None,
        execution: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Approval]:
        """``GET /api/v1/approvals``: one page of approvals, newest first."""
        query = {
            "status": [_wire(s) for s in statuses] if statuses else None,
            "execution": execution,
            "limit": _limit(limit),
            "cursor": cursor,
        }
        return self._http.call(OPERATIONS["list_approvals"], query=query)[1]

    def get_approval(self, approval_id: str) -> Approval:
        """``GET /api/v1/approvals/{id}``: one approval."""
        return self._http.call(OPERATIONS["get_approval"], {"id": approval_id})[1]

    def approve(self, approval_id: str, comment: str | None = None) -> Approval:
        """``POST /api/v1/approvals/{id}/approve``: approves, with an optional comment.
        ``ForbiddenError`` when this key's role may not answer, ``ConflictError`` once answered,
        expired or cancelled."""
        return self._answer("approve", approval_id, comment)

    def reject(self, approval_id: str, comment: str | None = None) -> Approval:
        """``POST /api/v1/approvals/{id}/reject``: rejects, with an optional comment."""
        return self._answer("reject", approval_id, comment)

    def _answer(self, verb: str, approval_id: str, comment: str | None) -> Approval:
        body = {} if comment is None else {"comment": comment}
        return self._http.call(OPERATIONS[verb], {"id": approval_id}, body=body)[1]

    # ---- agents

    def register_agent(
        self,
        url: str,
        *,
        name: str | None = None,
        version: str | None = None,
        description: str | None = None,
        secret: str | None = None,
        manifest: Mapping[str, Any] | None = None,
    ) -> Agent:
        """``POST /api/v1/agents``: registers an HTTP agent version served at ``url``.

        Give its ``name`` and ``version`` (and any manifest fields of docs/agents.md in
        ``manifest``), or neither and the server fetches the manifest from ``{url}/manifest``.
        ``secret`` signs calls to the agent and is never returned.
        """
        body: dict[str, Any] = dict(manifest or {})
        fields = {"name": name, "version": version, "description": description, "url": url, "secret": secret}
        body.update({k: v for k, v in fields.items() if v is not None})
        return self._http.call(OPERATIONS["register_agent"], body=body)[1]

    def list_agents(self) -> list[Agent]:
        """``GET /api/v1/agents``: built-in and registered agents."""
        return self._http.call(OPERATIONS["list_agents"])[1].items

    def get_agent(self, name: str) -> Agent:
        """``GET /api/v1/agents/{name}``: one agent with all its versions."""
        return self._http.call(OPERATIONS["get_agent"], {"name": name})[1]

    def get_agent_version(self, name: str, version: str) -> AgentVersion:
        """``GET /api/v1/agents/{name}/versions/{version}``: one version with its manifest."""
        return self._http.call(OPERATIONS["get_agent_version"], {"name": name, "version": version})[1]

    def check_agent_health(self, name: str, version: str | None = None) -> HealthCheck:
        """``POST /api/v1/agents/{name}/health-check``: has the server call the agent's health now
        (its latest version unless ``version`` is given)."""
        return self._http.call(OPERATIONS["check_agent_health"], {"name": name}, {"version": version})[1]

    # ---- audit

    def list_audit(
        self,
        *,
        since: datetime | None = None,
        action: str | None = None,
        outcome: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[AuditEntry]:
        """``GET /api/v1/audit``: one page of the audit log, oldest first (admin keys only).

        :param since: only entries recorded at or after this time
        :param action: only this action, such as ``execution.start``
        :param outcome: only ``ok``, ``refused`` or ``error``
        """
        query = {
            "since": since.isoformat() if since else None,
            "action": action,
            "outcome": outcome,
            "limit": _limit(limit),
            "cursor": cursor,
        }
        return self._http.call(OPERATIONS["list_audit"], query=query)[1]

    def iter_audit(self, **filters: Any) -> Iterator[AuditEntry]:
        """Every entry that ``list_audit(**filters)`` selects, oldest first, page after page."""
        cursor = filters.pop("cursor", None)
        while True:
            page = self.list_audit(cursor=cursor, **filters)
            yield from page.items
            if not page.has_more:
                return
            cursor = page.next_cursor

    def verify_audit(self) -> AuditVerification:
        """``GET /api/v1/audit/verify``: the audit log's hash chain checked from its first entry;
        when it is broken, ``broken_seq`` names the first broken entry (admin keys only)."""
        return self._http.call(OPERATIONS["verify_audit"])[1]

    # ---- secrets

    def set_secret(self, name: str, value: str) -> Secret:
        """``PUT /api/v1/secrets/{name}``: sets a secret's value (admin keys only). The value is
        sent once and never answered back by any call; flows read it as ``${secrets.NAME}``."""
        return self._http.call(OPERATIONS["set_secret"], {"name": name}, body={"value": value})[1]

    def list_secrets(self) -> list[Secret]:
        """``GET /api/v1/secrets``: every secret's name, times and key version, never a value."""
        return self._http.call(OPERATIONS["list_secrets"])[1].items

    def delete_secret(self, name: str) -> None:
        """``DELETE /api/v1/secrets/{name}``: deletes a secret (``NotFoundError`` when there is
        none of that name)."""
        self._http.call(OPERATIONS["delete_secret"], {"name": name})

    def rotate_secrets(self) -> SecretRotation:
        """``POST /api/v1/secrets/rotate``: a new primary key, every secret re-encrypted under it."""
        return self._http.call(OPERATIONS["rotate_secrets"])[1]

    # ---- keys and workspaces

    def create_key(
        self, name: str, role: str, *, expires_at: datetime | None = None, workspace: str | None = None
    ) -> ApiKey:
        """``POST /api/v1/keys``: a new key (``role`` ``viewer``, ``operator`` or ``admin``) of the
        caller's workspace, or of ``workspace`` (the owner's key only). The answer's ``key`` is the
        only time the key is shown: keep it."""
        fields = {
            "name": name,
            "role": role,
            "expires_at": expires_at.isoformat() if expires_at else None,
            "workspace": workspace,
        }
        return self._http.call(OPERATIONS["create_key"], body={k: v for k, v in fields.items() if v is not None})[1]

    def list_keys(self) -> list[ApiKey]:
        """``GET /api/v1/keys``: the keys of the caller's workspace, by prefix, never the keys."""
        return self._http.call(OPERATIONS["list_keys"])[1].items

    def revoke_key(self, key_id: str) -> None:
        """``DELETE /api/v1/keys/{id}``: revokes a key; it answers ``401`` from then on."""
        self._http.call(OPERATIONS["revoke_key"], {"id": key_id})

    def current_workspace(self) -> Workspace:
        """``GET /api/v1/workspace``: the caller's workspace, its plan and its quotas in use."""
        return self._http.call(OPERATIONS["current_workspace"])[1]

    def create_workspace(self, workspace_id: str, *, name: str | None = None, plan: str | None = None) -> Workspace:
        """``POST /api/v1/workspaces``: a new workspace (the owner's key only); ``plan`` ``free``
        (the server's default), ``startup`` or ``scale``."""
        fields = {"id": workspace_id, "name": name, "plan": plan}
        return self._http.call(
            OPERATIONS["create_workspace"], body={k: v for k, v in fields.items() if v is not None}
        )[1]

    def list_workspaces(self) -> list[Workspace]:
        """``GET /api/v1/workspaces``: every workspace of the server (the owner's key only)."""
        return self._http.call(OPERATIONS["list_workspaces"])[1].items

    def get_workspace(self, workspace_id: str) -> Workspace:
        """``GET /api/v1/workspaces/{id}``: one workspace with its quotas in use (the owner's key
        only)."""
        return self._http.call(OPERATIONS["get_workspace"], {"id": workspace_id})[1]

    def set_quota(
        self,
        workspace_id: str,
        plan: str,
        *,
        api_calls_per_minute: int | None = None,
        executions_per_month: int | None = None,
        executions_running: int | None = None,
        private_agents: int | None = None,
    ) -> Workspace:
        """``PUT /api/v1/workspaces/{id}/quota``: a workspace's plan and the quotas that differ from
        it (-1: unlimited; None: the plan's). The owner's key only."""
        fields = {
            "plan": plan,
            "api_calls_per_minute": api_calls_per_minute,
            "executions_per_month": executions_per_month,
            "executions_running": executions_running,
            "private_agents": private_agents,
        }
        return self._http.call(
            OPERATIONS["set_quota"], {"id": workspace_id}, body={k: v for k, v in fields.items() if v is not None}
        )[1]

    # ---- model providers, costs and budgets

    def put_provider(
        self,
        name: str,
        kind: str,
        base_url: str,
        *,
        default_model: str | None = None,
        api_key: str | None = None,
        timeout_seconds: int | None = None,
        make_default: bool | None = None,
    ) -> ModelProvider:
        """``PUT /api/v1/providers/{name}``: adds a model provider (``kind`` ``openai``, ``ollama``
        or ``anthropic``) or changes one. ``api_key`` is sent but never answered back; None keeps
        the key stored before."""
        fields = {
            "kind": kind,
            "base_url": base_url,
            "default_model": default_model,
            "api_key": api_key,
            "timeout_seconds": timeout_seconds,
            "make_default": make_default,
        }
        body = {k: v for k, v in fields.items() if v is not None}
        return self._http.call(OPERATIONS["put_provider"], {"name": name}, body=body)[1]

    def list_providers(self) -> list[ModelProvider]:
        """``GET /api/v1/providers``: the model providers of the workspace, without their keys."""
        return self._http.call(OPERATIONS["list_providers"])[1].items

    def test_provider(self, name: str) -> ProviderCheck:
        """``POST /api/v1/providers/{name}/test``: whether the provider answers, and how fast."""
        return self._http.call(OPERATIONS["test_provider"], {"name": name})[1]

    def make_default_provider(self, name: str) -> ModelProvider:
        """``POST /api/v1/providers/{name}/default``: the provider llm nodes use when they name
        none."""
        return self._http.call(OPERATIONS["make_default_provider"], {"name": name})[1]

    def costs(
        self,
        group_by: str | None = None,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        execution: str | None = None,
        flow: str | None = None,
    ) -> Costs:
        """``GET /api/v1/costs``: tokens and cost of model calls grouped by ``group_by``
        (``execution``, ``node``, ``agent``, ``flow``, ``model`` (the server's default),
        ``provider``, ``day`` or ``week``), from ``since`` (inclusive) to ``until`` (exclusive)."""
        query = {
            "group_by": group_by,
            "from": since.isoformat() if since else None,
            "to": until.isoformat() if until else None,
            "execution": execution,
            "flow": flow,
        }
        return self._http.call(OPERATIONS["costs"], query=query)[1]

    def set_budget(
        self, period: str, limit_usd: float, *, flow: str | None = None, policy: str | None = None
    ) -> Budget:
        """``PUT /api/v1/budgets``: sets a ``daily`` or ``monthly`` budget of the workspace, or of
        ``flow``; ``policy`` ``fail`` or ``hold`` says what happens to calls beyond it."""
        fields = {"flow": flow, "period": period, "limit_usd": limit_usd, "policy": policy}
        return self._http.call(OPERATIONS["set_budget"], body={k: v for k, v in fields.items() if v is not None})[1]

    def list_budgets(self) -> list[Budget]:
        """``GET /api/v1/budgets``: the budgets and what their current windows spent."""
        return self._http.call(OPERATIONS["list_budgets"])[1].items

    # ---- live events

    def stream(self, execution_id: str, last_event_id: str | None = None) -> EventStream:
        """``GET /api/v1/executions/{id}/stream``: one execution's events after ``last_event_id``
        (None: from its first), until its terminal event; iterate over it. It reconnects and
        resumes by itself when the connection drops."""
        return EventStream(
            self._http,
            OPERATIONS["stream_execution"],
            {"id": execution_id},
            last_event_id,
            True,
            self._reconnect,
            self._idle,
        )

    def stream_all(self, last_event_id: str | None = None) -> EventStream:
        """``GET /api/v1/events/stream``: every execution's events after ``last_event_id`` (None:
        from now on), until ``close()``."""
        return EventStream(
            self._http, OPERATIONS["stream_all"], {}, last_event_id, False, self._reconnect, self._idle
        )


def _wire(status: Any) -> str:
    return status.value if hasattr(status, "value") else str(status)


def _limit(limit: int | None) -> int | None:
    if limit is not None and not 1 <= limit <= 500:
        raise ValueError(f"limit must be between 1 and 500, got {limit}")
    return limit
