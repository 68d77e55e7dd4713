/**
 * Every REST operation the client calls, as data: method, path, parameters, body fields and the
 * reader of its answer. The client sends requests only through this table, and the OpenAPI
 * contract test checks each entry against the server's `/openapi.json`, so a route, parameter or
 * field that drifts fails a test instead of a user's program.
 */
import * as m from "./models.js";
import type { Reader } from "./wire.js";

/** One REST operation as this client uses it. */
export interface Operation<T = unknown> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: readonly string[];
  headers?: readonly string[];
  /** The JSON body fields sent (empty for a YAML body); absent when no body is sent. */
  body?: readonly string[];
  contentType?: string;
  answer?: Reader<T>;
  eventStream?: boolean;
}

const JSON_TYPE = "application/json";

function op<T>(o: Operation<T>): Operation<T> {
  return o;
}

export const OPERATIONS = {
  health: op({ method: "GET", path: "/health", answer: m.readStatus }),
  ready: op({ method: "GET", path: "/ready", answer: m.readStatus }),
  // flows
  deployFlow: op({ method: "POST", path: "/api/v1/flows", query: ["approve"], body: [], contentType: "application/yaml", answer: m.readFlowVersion }),
  listFlows: op({ method: "GET", path: "/api/v1/flows", answer: m.readItems(m.readFlowSummary) }),
  getFlow: op({ method: "GET", path: "/api/v1/flows/{id}", answer: m.readFlowVersion }),
  listFlowVersions: op({ method: "GET", path: "/api/v1/flows/{id}/versions", answer: m.readItems(m.readFlowSummary) }),
  getFlowVersion: op({ method: "GET", path: "/api/v1/flows/{id}/versions/{version}", answer: m.readFlowVersion }),
  approveFlow: op({ method: "POST", path: "/api/v1/flows/{id}/versions/{version}/approve", answer: m.readFlowDecision }),
  rejectFlow: op({
    method: "POST",
    path: "/api/v1/flows/{id}/versions/{version}/reject",
    body: ["reason"],
    contentType: JSON_TYPE,
    answer: m.readFlowDecision,
  }),
  diffFlow: op({ method: "GET", path: "/api/v1/flows/{id}/versions/{version}/diff", query: ["against"], answer: m.readFlowDiff }),
  // panic mode
  panicStatus: op({ method: "GET", path: "/api/v1/panic", answer: m.readPanicStatus }),
  setPanic: op({ method: "PUT", path: "/api/v1/panic", body: ["on", "reason"], contentType: JSON_TYPE, answer: m.readPanicStatus }),
  // audit
  listAudit: op({
    method: "GET",
    path: "/api/v1/audit",
    query: ["since", "action", "outcome", "limit", "cursor"],
    answer: m.readPage(m.readAuditEntry),
  }),
  verifyAudit: op({ method: "GET", path: "/api/v1/audit/verify", answer: m.readAuditVerification }),
  // secrets
  setSecret: op({ method: "PUT", path: "/api/v1/secrets/{name}", body: ["value"], contentType: JSON_TYPE, answer: m.readSecret }),
  listSecrets: op({ method: "GET", path: "/api/v1/secrets", answer: m.readItems(m.readSecret) }),
  deleteSecret: op({ method: "DELETE", path: "/api/v1/secrets/{name}" }),
  rotateSecrets: op({ method: "POST", path: "/api/v1/secrets/rotate", answer: m.readSecretRotation }),
  // keys of the caller's workspace
  createKey: op({
    method: "POST",
    path: "/api/v1/keys",
    body: ["name", "role", "expires_at", "workspace"],
    contentType: JSON_TYPE,
    answer: m.readApiKey,
  }),
  listKeys: op({ method: "GET", path: "/api/v1/keys", answer: m.readItems(m.readApiKey) }),
  revokeKey: op({ method: "DELETE", path: "/api/v1/keys/{id}" }),
  // the caller's workspace, and the server's workspaces (the owner's)
  currentWorkspace: op({ method: "GET", path: "/api/v1/workspace", answer: m.readWorkspace }),
  createWorkspace: op({
    method: "POST",
    path: "/api/v1/workspaces",
    body: ["id", "name", "plan"],
    contentType: JSON_TYPE,
    answer: m.readWorkspace,
  }),
  listWorkspaces: op({ method: "GET", path: "/api/v1/workspaces", answer: m.readItems(m.readWorkspace) }),
  getWorkspace: op({ method: "GET", path: "/api/v1/workspaces/{id}", answer: m.readWorkspace }),
  setQuota: op({
    method: "PUT",
    path: "/api/v1/workspaces/{id}/quota",
    body: ["plan", "api_calls_per_minute", "executions_per_month", "executions_running", "private_agents"],
    contentType: JSON_TYPE,
    answer: m.readWorkspace,
  }),
  // model providers, costs and budgets
  putProvider: op({
    method: "PUT",
    path: "/api/v1/providers/{name}",
    body: ["kind", "base_url", "default_model", "api_key", "timeout_seconds", "make_default"],
    contentType: JSON_TYPE,
    answer: m.readModelProvider,
  }),
  listProviders: op({ method: "GET", path: "/api/v1/providers", answer: m.readItems(m.readModelProvider) }),
  testProvider: op({ method: "POST", path: "/api/v1/providers/{name}/test", answer: m.readProviderCheck }),
  makeDefaultProvider: op({ method: "POST", path: "/api/v1/providers/{name}/default", answer: m.readModelProvider }),
  costs: op({ method: "GET", path: "/api/v1/costs", query: ["group_by", "from", "to", "execution", "flow"], answer: m.readCosts }),
  setBudget: op({ method: "PUT", path: "/api/v1/budgets", body: ["flow", "period", "limit_usd", "policy"], contentType: JSON_TYPE, answer: m.readBudget }),
  listBudgets: op({ method: "GET", path: "/api/v1/budgets", answer: m.readItems(m.readBudget) }),
  // executions
  startExecution: op({
    method: "POST",
    path: "/api/v1/flows/{id}/executions",
    body: ["inputs", "version"],
    contentType: JSON_TYPE,
    answer: m.readExecution,
  }),
  listExecutions: op({
    method: "GET",
    path: "/api/v1/executions",
    query: ["flow", "status", "since", "until", "replay_of", "limit", "cursor"],
    answer: m.readPage(m.readExecutionSummary),
  }),
  getExecution: op({ method: "GET", path: "/api/v1/executions/{id}", answer: m.readExecution }),
  listEvents: op({
    method: "GET",
    path: "/api/v1/executions/{id}/events",
    query: ["after", "limit"],
    answer: m.readPage(m.readHistoryEvent),
  }),
  cancelExecution: op({ method: "POST", path: "/api/v1/executions/{id}/cancel", answer: m.readExecution }),
  retryExecution: op({ method: "POST", path: "/api/v1/executions/{id}/retry", answer: m.readExecution }),
  replayExecution: op({
    method: "POST",
    path: "/api/v1/executions/{id}/replay",
    body: ["from", "inputs", "outputs"],
    contentType: JSON_TYPE,
    answer: m.readExecution,
  }),
  streamExecution: op({ method: "GET", path: "/api/v1/executions/{id}/stream", headers: ["Last-Event-ID"], eventStream: true }),
  streamAll: op({ method: "GET", path: "/api/v1/events/stream", headers: ["Last-Event-ID"], eventStream: true }),
  // approvals
  listApprovals: op({
    method: "GET",
    path: "/api/v1/approvals",
    query: ["status", "execution", "limit", "cursor"],
    answer: m.readPage(m.readApproval),
  }),
  getApproval: op({ method: "GET", path: "/api/v1/approvals/{id}", answer: m.readApproval }),
  approve: op({ method: "POST", path: "/api/v1/approvals/{id}/approve", body: ["comment"], contentType: JSON_TYPE, answer: m.readApproval }),
  reject: op({ method: "POST", path: "/api/v1/approvals/{id}/reject", body: ["comment"], contentType: JSON_TYPE, answer: m.readApproval }),
  // agents
  registerAgent: op({
    method: "POST",
    path: "/api/v1/agents",
    body: ["name", "version", "url", "secret", "description"],
    contentType: JSON_TYPE,
    answer: m.readAgent,
  }),
  listAgents: op({ method: "GET", path: "/api/v1/agents", answer: m.readItems(m.readAgent) }),
  getAgent: op({ method: "GET", path: "/api/v1/agents/{name}", answer: m.readAgent }),
  getAgentVersion: op({ method: "GET", path: "/api/v1/agents/{name}/versions/{version}", answer: m.readAgentVersion }),
  checkAgentHealth: op({ method: "POST", path: "/api/v1/agents/{name}/health-check", query: ["version"], answer: m.readHealthCheck }),
} as const;
