/** The client of the AI Spine REST API v1 (docs/api.md). */
import { UnavailableError } from "./errors.js";
import { Transport } from "./http.js";
import type {
  ApiKey,
  Agent,
  AgentVersion,
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
} from "./models.js";
import { OPERATIONS as OPS } from "./operations.js";
import { EventStream, ReconnectPolicy } from "./stream.js";

/** Settings of an {@link AispineClient}. */
export interface ClientOptions {
  /** The API key, sent as `Authorization: Bearer …`. */
  token?: string;
  /** How long to wait for an answer to one request (default 30 s); streams are not limited. */
  timeoutMs?: number;
  /** How event streams reconnect after a drop. */
  reconnect?: ReconnectPolicy;
  /** After how long without a byte a stream counts as dropped (default 45 s; the server sends a
   * keep-alive every 15 s). */
  streamIdleTimeoutMs?: number;
}

/** Filters and paging of {@link AispineClient.listExecutions}. */
export interface ExecutionQuery {
  flow?: string;
  statuses?: ExecutionStatus[];
  since?: Date;
  until?: Date;
  replayOf?: string;
  /** 1 to 500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** Filters and paging of {@link AispineClient.listApprovals}. */
export interface ApprovalQuery {
  statuses?: ApprovalStatus[];
  execution?: string;
  limit?: number;
  cursor?: string | null;
}

/** Filters and paging of {@link AispineClient.listAudit}. */
export interface AuditQuery {
  /** Only entries recorded at or after this time. */
  since?: Date;
  /** Only this action, such as `execution.start`. */
  action?: string;
  /** Only `ok`, `refused` or `error`. */
  outcome?: "ok" | "refused" | "error";
  /** 1 to 500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** A model provider as {@link AispineClient.putProvider} sends it. */
export interface ProviderRequest {
  kind: "openai" | "ollama" | "anthropic";
  baseUrl: string;
  defaultModel?: string;
  /** Sent, never answered back; absent keeps the key stored before. */
  apiKey?: string;
  timeoutSeconds?: number;
  makeDefault?: boolean;
}

/** Which model calls {@link AispineClient.costs} sums, and how it groups them. */
export interface CostQuery {
  /** `execution`, `node`, `agent`, `flow`, `model` (the server's default), `provider`, `day` or `week`. */
  groupBy?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  execution?: string;
  flow?: string;
}

/** A budget as {@link AispineClient.setBudget} sends it; no `flow`: the workspace's. */
export interface BudgetRequest {
  flow?: string;
  period: "daily" | "monthly";
  limitUsd: number;
  policy?: "fail" | "hold";
}

/** A key as {@link AispineClient.createKey} creates it. */
export interface KeyRequest {
  name: string;
  role: "viewer" | "operator" | "admin";
  /** When the key stops working; absent: never. */
  expiresAt?: Date;
  /** Another workspace than the caller's (the owner's key only). */
  workspace?: string;
}

/** A plan and the quotas that differ from it, as {@link AispineClient.setQuota} sends them
 * (-1: unlimited; absent: the plan's). */
export interface QuotaRequest {
  plan: "free" | "startup" | "scale" | "unlimited";
  apiCallsPerMinute?: number;
  executionsPerMonth?: number;
  executionsRunning?: number;
  privateAgents?: number;
}

/** What {@link AispineClient.registerAgent} registers. */
export interface AgentRegistration {
  /** Where the agent is served. */
  url: string;
  /** With `version`; both absent: the server fetches the manifest from `{url}/manifest`. */
  name?: string;
  version?: string;
  description?: string;
  /** Signs calls to the agent; never returned. */
  secret?: string;
  /** Any other manifest fields of docs/agents.md (`input_schema`, `tags` …), as JSON. */
  manifest?: Record<string, unknown>;
}

/**
 * A client for one AI Spine server: one method per route, errors as `AispineApiError` subclasses
 * (the server's problem+json) or `AispineConnectionError`, and resumable event streams.
 *
 * ```ts
 * const client = new AispineClient("http://127.0.0.1:9325", { token });
 * const started = await client.startExecution("hello", { name: "Ada" });
 * for await (const event of client.stream(started.id)) console.log(event.type);
 * ```
 */
export class AispineClient {
  private readonly http: Transport;
  private readonly reconnect: ReconnectPolicy;
  private readonly idleMs: number;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.http = new Transport(baseUrl, options.token, options.timeoutMs ?? 30_000);
    this.reconnect = options.reconnect ?? ReconnectPolicy.DEFAULT;
    this.idleMs = options.streamIdleTimeoutMs ?? 45_000;
  }

  /** The server's base URL. */
  get baseUrl(): string {
    return this.http.base;
  }

  /** `GET /health`: true when the server process answers. */
  async healthy(): Promise<boolean> {
    return (await this.http.call(OPS.health)).answer === "ok";
  }

  /** `GET /ready`: true when the server's store answers, false on 503. */
  async ready(): Promise<boolean> {
    try {
      return (await this.http.call(OPS.ready)).answer === "ready";
    } catch (e) {
      if (e instanceof UnavailableError) return false;
      throw e;
    }
  }

  // ---- flows

  /** `POST /api/v1/flows`: deploys a flow version from its YAML as a draft, which cannot run until
   * an admin approves it; `{ approve: true }` deploys and approves in one step, which only a server
   * that lets authors approve their own drafts accepts (a local development server). `created` is
   * false when the same content was already deployed. An invalid flow throws `UnprocessableError`
   * with one `errors` entry per problem (YAML line, column, pointer, did-you-mean detail). */
  async deployFlow(yaml: string, options: { approve?: boolean } = {}): Promise<FlowDeployment> {
    const query = options.approve ? { approve: "true" } : {};
    const { status, answer } = await this.http.call(OPS.deployFlow, {}, query, yaml);
    return { flow: answer, created: status === 201 };
  }

  /** `GET /api/v1/flows`: the latest version of every flow. */
  async listFlows(): Promise<FlowSummary[]> {
    return (await this.http.call(OPS.listFlows)).answer;
  }

  /** `GET /api/v1/flows/{id}`: the latest version of a flow. */
  async getFlow(flowId: string): Promise<FlowVersion> {
    return (await this.http.call(OPS.getFlow, { id: flowId })).answer;
  }

  /** `GET /api/v1/flows/{id}/versions`: every version of a flow, oldest first. */
  async listFlowVersions(flowId: string): Promise<FlowSummary[]> {
    return (await this.http.call(OPS.listFlowVersions, { id: flowId })).answer;
  }

  /** `GET /api/v1/flows/{id}/versions/{version}`: one version of a flow. */
  async getFlowVersion(flowId: string, version: string): Promise<FlowVersion> {
    return (await this.http.call(OPS.getFlowVersion, { id: flowId, version })).answer;
  }

  /** `POST /api/v1/flows/{id}/versions/{version}/approve`: approves a draft so that it can run;
   * the answer holds the diff against the version approved before it. `ForbiddenError` for a key
   * that is not admin (or, under four eyes, for the draft's author); `ConflictError` when the
   * version is not a draft. */
  async approveFlow(flowId: string, version: string): Promise<FlowDecision> {
    return (await this.http.call(OPS.approveFlow, { id: flowId, version })).answer;
  }

  /** `POST /api/v1/flows/{id}/versions/{version}/reject`: rejects a draft (or withdraws an
   * approval) with a reason; the version never runs. */
  async rejectFlow(flowId: string, version: string, reason: string): Promise<FlowDecision> {
    return (await this.http.call(OPS.rejectFlow, { id: flowId, version }, {}, { reason })).answer;
  }

  /** `GET /api/v1/flows/{id}/versions/{version}/diff`: what a version changes against the last
   * approved one, or against version `against`. */
  async diffFlow(flowId: string, version: string, against?: string): Promise<FlowDiff> {
    return (await this.http.call(OPS.diffFlow, { id: flowId, version }, { against })).answer;
  }

  // ---- panic mode

  /** `GET /api/v1/panic`: whether panic mode is on. */
  async panicStatus(): Promise<PanicStatus> {
    return (await this.http.call(OPS.panicStatus)).answer;
  }

  /** `PUT /api/v1/panic`: switches panic mode on (every mutation and new run refused with
   * `LockedError`; reads and cancels still answered) or off. Takes an admin key. */
  async setPanic(on: boolean, reason?: string): Promise<PanicStatus> {
    const body: Record<string, unknown> = { on };
    if (reason !== undefined) body.reason = reason;
    return (await this.http.call(OPS.setPanic, {}, {}, body)).answer;
  }

  // ---- executions

  /** `POST /api/v1/flows/{id}/executions`: starts a flow (its latest version unless `version`);
   * resolves once the start is durable. Inputs that do not fit throw `UnprocessableError`. */
  async startExecution(flowId: string, inputs: Record<string, unknown> = {}, options: { version?: string } = {}): Promise<Execution> {
    const body: Record<string, unknown> = { inputs };
    if (options.version !== undefined) body.version = options.version;
    return (await this.http.call(OPS.startExecution, { id: flowId }, {}, body)).answer;
  }

  /** `GET /api/v1/executions`: one page of executions, newest first; pass `nextCursor` back as
   * `cursor` for the next, or use {@link iterExecutions}. */
  async listExecutions(query: ExecutionQuery = {}): Promise<Page<ExecutionSummary>> {
    const q = {
      flow: query.flow,
      status: query.statuses,
      since: query.since?.toISOString(),
      until: query.until?.toISOString(),
      replay_of: query.replayOf,
      limit: checkLimit(query.limit),
      cursor: query.cursor,
    };
    return (await this.http.call(OPS.listExecutions, {}, q)).answer;
  }

  /** Every execution the query selects, newest first, page after page. */
  async *iterExecutions(query: ExecutionQuery = {}): AsyncGenerator<ExecutionSummary> {
    let cursor = query.cursor ?? null;
    for (;;) {
      const page = await this.listExecutions({ ...query, cursor });
      yield* page.items;
      if (!page.hasMore) return;
      cursor = page.nextCursor;
    }
  }

  /** `GET /api/v1/executions/{id}`: an execution with every node's state. */
  async getExecution(executionId: string): Promise<Execution> {
    return (await this.http.call(OPS.getExecution, { id: executionId })).answer;
  }

  /** `GET /api/v1/executions/{id}/events`: one page of history after sequence `after`. */
  async listEvents(executionId: string, after = 0, limit?: number): Promise<Page<HistoryEvent>> {
    return (await this.http.call(OPS.listEvents, { id: executionId }, { after, limit: checkLimit(limit) })).answer;
  }

  /** An execution's whole history, oldest first, reading every page. */
  async history(executionId: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await this.listEvents(executionId, after, 500);
      events.push(...page.items);
      if (!page.hasMore || page.items.length === 0) return events;
      after = page.items[page.items.length - 1]!.seq;
    }
  }

  /** `POST /api/v1/executions/{id}/cancel`: cancels a running execution (`ConflictError` once
   * finished). */
  async cancelExecution(executionId: string): Promise<Execution> {
    return (await this.http.call(OPS.cancelExecution, { id: executionId })).answer;
  }

  /** `POST /api/v1/executions/{id}/retry`: re-runs the failed nodes of a failed execution. */
  async retryExecution(executionId: string): Promise<Execution> {
    return (await this.http.call(OPS.retryExecution, { id: executionId })).answer;
  }

  /** `POST /api/v1/executions/{id}/replay`: replays a finished execution from a node as a new
   * execution of the same flow version; the nodes before it keep their recorded results.
   * `inputs` merge over the origin's; `outputs` replace reused nodes' recorded outputs. */
  async replayExecution(
    executionId: string,
    fromNode: string,
    options: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } = {},
  ): Promise<Execution> {
    const body: Record<string, unknown> = { from: fromNode };
    if (options.inputs && Object.keys(options.inputs).length) body.inputs = options.inputs;
    if (options.outputs && Object.keys(options.outputs).length) body.outputs = options.outputs;
    return (await this.http.call(OPS.replayExecution, { id: executionId }, {}, body)).answer;
  }

  // ---- approvals

  /** `GET /api/v1/approvals`: one page of approvals, newest first. */
  async listApprovals(query: ApprovalQuery = {}): Promise<Page<Approval>> {
    const q = { status: query.statuses, execution: query.execution, limit: checkLimit(query.limit), cursor: query.cursor };
    return (await this.http.call(OPS.listApprovals, {}, q)).answer;
  }

  /** `GET /api/v1/approvals/{id}`: one approval. */
  async getApproval(approvalId: string): Promise<Approval> {
    return (await this.http.call(OPS.getApproval, { id: approvalId })).answer;
  }

  /** `POST /api/v1/approvals/{id}/approve`, with an optional comment. `ForbiddenError` when this
   * key's role may not answer; `ConflictError` once answered, expired or cancelled. */
  async approve(approvalId: string, comment?: string): Promise<Approval> {
    return (await this.http.call(OPS.approve, { id: approvalId }, {}, comment === undefined ? {} : { comment })).answer;
  }

  /** `POST /api/v1/approvals/{id}/reject`, with an optional comment. */
  async reject(approvalId: string, comment?: string): Promise<Approval> {
    return (await this.http.call(OPS.reject, { id: approvalId }, {}, comment === undefined ? {} : { comment })).answer;
  }

  // ---- agents

  /** `POST /api/v1/agents`: registers an HTTP agent version. */
  async registerAgent(registration: AgentRegistration): Promise<Agent> {
    const { manifest, ...fields } = registration;
    const body: Record<string, unknown> = { ...manifest };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) body[k] = v;
    return (await this.http.call(OPS.registerAgent, {}, {}, body)).answer;
  }

  /** `GET /api/v1/agents`: built-in and registered agents. */
  async listAgents(): Promise<Agent[]> {
    return (await this.http.call(OPS.listAgents)).answer;
  }

  /** `GET /api/v1/agents/{name}`: one agent with all its versions. */
  async getAgent(name: string): Promise<Agent> {
    return (await this.http.call(OPS.getAgent, { name })).answer;
  }

  /** `GET /api/v1/agents/{name}/versions/{version}`: one version with its manifest. */
  async getAgentVersion(name: string, version: string): Promise<AgentVersion> {
    return (await this.http.call(OPS.getAgentVersion, { name, version })).answer;
  }

  /** `POST /api/v1/agents/{name}/health-check`: has the server call the agent's health now. */
  async checkAgentHealth(name: string, version?: string): Promise<HealthCheck> {
    return (await this.http.call(OPS.checkAgentHealth, { name }, { version })).answer;
  }

  // ---- audit

  /** `GET /api/v1/audit`: one page of the audit log, oldest first (admin keys only). */
  async listAudit(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    const q = {
      since: query.since?.toISOString(),
      action: query.action,
      outcome: query.outcome,
      limit: checkLimit(query.limit),
      cursor: query.cursor,
    };
    return (await this.http.call(OPS.listAudit, {}, q)).answer;
  }

  /** Every audit entry the query selects, oldest first, page after page. */
  async *iterAudit(query: AuditQuery = {}): AsyncGenerator<AuditEntry> {
    let cursor = query.cursor ?? null;
    for (;;) {
      const page = await this.listAudit({ ...query, cursor });
      yield* page.items;
      if (!page.hasMore) return;
      cursor = page.nextCursor;
    }
  }

  /** `GET /api/v1/audit/verify`: the audit log's hash chain checked from its first entry; when it
   * is broken, `brokenSeq` names the first broken entry (admin keys only). */
  async verifyAudit(): Promise<AuditVerification> {
    return (await this.http.call(OPS.verifyAudit)).answer;
  }

  // ---- secrets

  /** `PUT /api/v1/secrets/{name}`: sets a secret's value (admin keys only). The value is sent once
   * and never answered back by any call; flows read it as `${secrets.NAME}`. */
  async setSecret(name: string, value: string): Promise<Secret> {
    return (await this.http.call(OPS.setSecret, { name }, {}, { value })).answer;
  }

  /** `GET /api/v1/secrets`: every secret's name, times and key version, never a value. */
  async listSecrets(): Promise<Secret[]> {
    return (await this.http.call(OPS.listSecrets)).answer;
  }

  /** `DELETE /api/v1/secrets/{name}`: deletes a secret (`NotFoundError` when there is none). */
  async deleteSecret(name: string): Promise<void> {
    await this.http.call(OPS.deleteSecret, { name });
  }

  /** `POST /api/v1/secrets/rotate`: a new primary key, every secret re-encrypted under it. */
  async rotateSecrets(): Promise<SecretRotation> {
    return (await this.http.call(OPS.rotateSecrets)).answer;
  }

  // ---- keys and workspaces

  /** `POST /api/v1/keys`: a new key of the caller's workspace (or of `workspace`, the owner's key
   * only). The answer's `key` is the only time the key is shown: keep it. */
  async createKey(request: KeyRequest): Promise<ApiKey> {
    const body = dropUndefined({
      name: request.name,
      role: request.role,
      expires_at: request.expiresAt?.toISOString(),
      workspace: request.workspace,
    });
    return (await this.http.call(OPS.createKey, {}, {}, body)).answer;
  }

  /** `GET /api/v1/keys`: the keys of the caller's workspace, by prefix, never the keys. */
  async listKeys(): Promise<ApiKey[]> {
    return (await this.http.call(OPS.listKeys)).answer;
  }

  /** `DELETE /api/v1/keys/{id}`: revokes a key; it answers `401` from then on. */
  async revokeKey(id: string): Promise<void> {
    await this.http.call(OPS.revokeKey, { id });
  }

  /** `GET /api/v1/workspace`: the caller's workspace, its plan and its quotas in use. */
  async currentWorkspace(): Promise<Workspace> {
    return (await this.http.call(OPS.currentWorkspace)).answer;
  }

  /** `POST /api/v1/workspaces`: a new workspace (the owner's key only); `plan` `free` (the
   * server's default), `startup` or `scale`. */
  async createWorkspace(id: string, options: { name?: string; plan?: string } = {}): Promise<Workspace> {
    const body = dropUndefined({ id, name: options.name, plan: options.plan });
    return (await this.http.call(OPS.createWorkspace, {}, {}, body)).answer;
  }

  /** `GET /api/v1/workspaces`: every workspace of the server (the owner's key only). */
  async listWorkspaces(): Promise<Workspace[]> {
    return (await this.http.call(OPS.listWorkspaces)).answer;
  }

  /** `GET /api/v1/workspaces/{id}`: one workspace with its quotas in use (the owner's key only). */
  async getWorkspace(id: string): Promise<Workspace> {
    return (await this.http.call(OPS.getWorkspace, { id })).answer;
  }

  /** `PUT /api/v1/workspaces/{id}/quota`: a workspace's plan and the quotas that differ from it
   * (the owner's key only). */
  async setQuota(id: string, request: QuotaRequest): Promise<Workspace> {
    const body = dropUndefined({
      plan: request.plan,
      api_calls_per_minute: request.apiCallsPerMinute,
      executions_per_month: request.executionsPerMonth,
      executions_running: request.executionsRunning,
      private_agents: request.privateAgents,
    });
    return (await this.http.call(OPS.setQuota, { id }, {}, body)).answer;
  }

  // ---- model providers, costs and budgets

  /** `PUT /api/v1/providers/{name}`: adds a model provider or changes one; the API key is sent but
   * never answered back. */
  async putProvider(name: string, request: ProviderRequest): Promise<ModelProvider> {
    const body = dropUndefined({
      kind: request.kind,
      base_url: request.baseUrl,
      default_model: request.defaultModel,
      api_key: request.apiKey,
      timeout_seconds: request.timeoutSeconds,
      make_default: request.makeDefault,
    });
    return (await this.http.call(OPS.putProvider, { name }, {}, body)).answer;
  }

  /** `GET /api/v1/providers`: the model providers of the workspace, without their keys. */
  async listProviders(): Promise<ModelProvider[]> {
    return (await this.http.call(OPS.listProviders)).answer;
  }

  /** `POST /api/v1/providers/{name}/test`: whether the provider answers, and how fast. */
  async testProvider(name: string): Promise<ProviderCheck> {
    return (await this.http.call(OPS.testProvider, { name })).answer;
  }

  /** `POST /api/v1/providers/{name}/default`: the provider llm nodes use when they name none. */
  async makeDefaultProvider(name: string): Promise<ModelProvider> {
    return (await this.http.call(OPS.makeDefaultProvider, { name })).answer;
  }

  /** `GET /api/v1/costs`: tokens and cost of model calls, grouped. */
  async costs(query: CostQuery = {}): Promise<Costs> {
    const q = {
      group_by: query.groupBy,
      from: query.from?.toISOString(),
      to: query.to?.toISOString(),
      execution: query.execution,
      flow: query.flow,
    };
    return (await this.http.call(OPS.costs, {}, q)).answer;
  }

  /** `PUT /api/v1/budgets`: sets a daily or monthly budget of the workspace or of one flow. */
  async setBudget(request: BudgetRequest): Promise<Budget> {
    const body = dropUndefined({ flow: request.flow, period: request.period, limit_usd: request.limitUsd, policy: request.policy });
    return (await this.http.call(OPS.setBudget, {}, {}, body)).answer;
  }

  /** `GET /api/v1/budgets`: the budgets and what their current windows spent. */
  async listBudgets(): Promise<Budget[]> {
    return (await this.http.call(OPS.listBudgets)).answer;
  }

  // ---- live events

  /** `GET /api/v1/executions/{id}/stream`: one execution's events after `lastEventId` (null: from
   * its first) until its terminal event, resuming by itself after a dropped connection. */
  stream(executionId: string, lastEventId: string | null = null): EventStream {
    return new EventStream(this.http, OPS.streamExecution, { id: executionId }, lastEventId, true, this.reconnect, this.idleMs);
  }

  /** `GET /api/v1/events/stream`: every execution's events after `lastEventId` (null: from now
   * on), until `close()`. */
  streamAll(lastEventId: string | null = null): EventStream {
    return new EventStream(this.http, OPS.streamAll, {}, lastEventId, false, this.reconnect, this.idleMs);
  }
}

function dropUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function checkLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500)) {
    throw new RangeError(`limit must be a whole number between 1 and 500, got ${limit}`);
  }
  return limit;
}
