/**
 * The API's resources (docs/api.md) as TypeScript types, each with the reader that builds it from
 * the JSON answer. Property names are camelCase (`createdAt` for `created_at`); times are `Date`s.
 */
import { type Reader, Wire } from "./wire.js";

/** Where an execution is; `unknown` for a status this client does not know (a newer server's). */
export type ExecutionStatus = "running" | "succeeded" | "failed" | "cancelled" | "unknown";
/** Where an approval is. */
export type ApprovalStatus = "pending" | "approved" | "rejected" | "expired" | "cancelled" | "unknown";

const EXECUTION_STATUSES = ["running", "succeeded", "failed", "cancelled"] as const;
const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired", "cancelled"] as const;

/** A deployed flow version, without its nodes. */
export interface FlowSummary {
  id: string;
  version: string;
  description: string | null;
  createdAt: Date | null;
}

/** A declared input of a flow. */
export interface FlowInput {
  type: string | null;
  required: boolean;
  default: unknown;
  description: string | null;
}

/** A top-level node of a flow: its id, type, what it needs and the agent it calls. */
export interface FlowNode {
  id: string;
  type: string | null;
  needs: string[];
  agent: string | null;
}

/** A flow version with its inputs, nodes, output names and YAML source. */
export interface FlowVersion extends FlowSummary {
  inputs: Record<string, FlowInput>;
  nodes: FlowNode[];
  outputs: string[];
  yaml: string | null;
}

/** The answer to a deploy; `created` is false when the same content was already deployed. */
export interface FlowDeployment {
  flow: FlowVersion;
  created: boolean;
}

/** Why a node or an execution failed; `retryable` says whether trying again may help. */
export interface ErrorInfo {
  code: string | null;
  message: string | null;
  retryable: boolean;
}

/** For a replay: the execution it replays, the node it replays from, the nodes it reused. */
export interface ReplayOrigin {
  execution: string;
  from: string | null;
  reused: string[];
  overridden: string[];
}

/** One attempt of a node. */
export interface NodeRun {
  attempt: number;
  status: string | null;
  agent: string | null;
  idempotencyKey: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  error: ErrorInfo | null;
  usage: Record<string, unknown> | null;
}

/** A node instance of an execution (`ocr`, `review/2/ocr`) and its attempts. */
export interface NodeState {
  path: string;
  status: string | null;
  attempts: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  output: unknown;
  error: ErrorInfo | null;
  runs: NodeRun[];
  reason: string | null;
  reused: boolean;
}

/** An execution as listed. */
export interface ExecutionSummary {
  id: string;
  flow: string;
  version: string;
  status: ExecutionStatus;
  createdAt: Date | null;
  finishedAt: Date | null;
  error: ErrorInfo | null;
  replayOf: ReplayOrigin | null;
}

/** An execution with its inputs, outputs, pinned agent versions and every node's state. */
export interface Execution extends ExecutionSummary {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  agents: Record<string, string>;
  parent: Record<string, unknown> | null;
  nodes: NodeState[];
}

/** One event of an execution's recorded history. */
export interface HistoryEvent {
  seq: number;
  type: string;
  node: string | null;
  attempt: number | null;
  time: Date | null;
  data: Record<string, unknown>;
}

/** One page of a list; pass `nextCursor` back as `cursor` for the next (null: the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** A question an execution asks a person, and its answer once given. */
export interface Approval {
  id: string;
  execution: string;
  node: string;
  flow: string | null;
  message: string | null;
  approvers: string[];
  status: ApprovalStatus;
  comment: string | null;
  answeredBy: string | null;
  answeredByKey: string | null;
  createdAt: Date | null;
  expiresAt: Date | null;
  answeredAt: Date | null;
}

/** An agent version's health: `healthy`, `degraded`, `down` or `unknown`. */
export interface Health {
  state: string;
  latencyMs: number | null;
  lastError: string | null;
  checkedAt: Date | null;
}

/** An agent version's circuit breaker: `closed`, `half_open` or `open`. */
export interface Circuit {
  state: string;
  failures: number;
  openUntil: Date | null;
  rejected: number;
}

/** One registered version of an agent. */
export interface AgentVersion {
  name: string;
  version: string;
  url: string | null;
  description: string | null;
  signed: boolean | null;
  createdAt: Date | null;
  category: string | null;
  tags: string[];
  inputSchema: unknown;
  outputSchema: unknown;
  sensitive: boolean | null;
  deprecated: boolean;
  deprecatedAt: Date | null;
  deprecationReason: string | null;
  health: Health | null;
  circuit: Circuit | null;
}

/** An agent (built-in or HTTP) with its versions, oldest first; `latest` is what its name calls. */
export interface Agent {
  name: string;
  kind: string;
  description: string | null;
  latest: string | null;
  versions: AgentVersion[];
}

/** The result of a health check made on demand. */
export interface HealthCheck {
  status: string;
  version: string | null;
  latencyMs: number | null;
  error: string | null;
  checkedAt: Date | null;
  health: Health | null;
  circuit: Circuit | null;
}

// ---- readers

export const readFlowSummary: Reader<FlowSummary> = (w) => ({
  id: w.str("id"),
  version: w.str("version"),
  description: w.optStr("description"),
  createdAt: w.optTime("created_at"),
});

export const readFlowInput: Reader<FlowInput> = (w) => ({
  type: w.optStr("type"),
  required: w.bool("required", false),
  default: w.any("default"),
  description: w.optStr("description"),
});

export const readFlowNode: Reader<FlowNode> = (w) => ({
  id: w.str("id"),
  type: w.optStr("type"),
  needs: w.strList("needs"),
  agent: w.optStr("agent"),
});

export const readFlowVersion: Reader<FlowVersion> = (w) => ({
  ...readFlowSummary(w),
  inputs: w.map("inputs", readFlowInput),
  nodes: w.list("nodes", readFlowNode),
  outputs: w.strList("outputs"),
  yaml: w.optStr("yaml"),
});

export const readErrorInfo: Reader<ErrorInfo> = (w) => ({
  code: w.optStr("code"),
  message: w.optStr("message"),
  retryable: w.bool("retryable", false),
});

export const readReplayOrigin: Reader<ReplayOrigin> = (w) => ({
  execution: w.str("execution"),
  from: w.optStr("from"),
  reused: w.strList("reused"),
  overridden: w.strList("overridden"),
});

export const readNodeRun: Reader<NodeRun> = (w) => ({
  attempt: w.int("attempt"),
  status: w.optStr("status"),
  agent: w.optStr("agent"),
  idempotencyKey: w.optStr("idempotency_key"),
  startedAt: w.optTime("started_at"),
  finishedAt: w.optTime("finished_at"),
  durationMs: w.optInt("duration_ms"),
  error: w.model("error", readErrorInfo),
  usage: w.optObj("usage"),
});

export const readNodeState: Reader<NodeState> = (w) => ({
  path: w.str("path"),
  status: w.optStr("status"),
  attempts: w.int("attempts", 0),
  startedAt: w.optTime("started_at"),
  finishedAt: w.optTime("finished_at"),
  output: w.any("output"),
  error: w.model("error", readErrorInfo),
  runs: w.list("runs", readNodeRun),
  reason: w.optStr("reason"),
  reused: w.bool("reused", false),
});

export const readExecutionSummary: Reader<ExecutionSummary> = (w) => ({
  id: w.str("id"),
  flow: w.str("flow"),
  version: w.str("version"),
  status: w.oneOf("status", EXECUTION_STATUSES, "unknown"),
  createdAt: w.optTime("created_at"),
  finishedAt: w.optTime("finished_at"),
  error: w.model("error", readErrorInfo),
  replayOf: w.model("replay_of", readReplayOrigin),
});

export const readExecution: Reader<Execution> = (w) => ({
  ...readExecutionSummary(w),
  inputs: w.obj("inputs"),
  outputs: w.optObj("outputs"),
  agents: w.strMap("agents"),
  parent: w.optObj("parent"),
  nodes: w.list("nodes", readNodeState),
});

export const readHistoryEvent: Reader<HistoryEvent> = (w) => ({
  seq: w.int("seq"),
  type: w.str("type"),
  node: w.optStr("node"),
  attempt: w.optInt("attempt"),
  time: w.optTime("time"),
  data: w.obj("data"),
});

export const readApproval: Reader<Approval> = (w) => ({
  id: w.str("id"),
  execution: w.str("execution"),
  node: w.str("node"),
  flow: w.optStr("flow"),
  message: w.optStr("message"),
  approvers: w.strList("approvers"),
  status: w.oneOf("status", APPROVAL_STATUSES, "unknown"),
  comment: w.optStr("comment"),
  answeredBy: w.optStr("answered_by"),
  answeredByKey: w.optStr("answered_by_key"),
  createdAt: w.optTime("created_at"),
  expiresAt: w.optTime("expires_at"),
  answeredAt: w.optTime("answered_at"),
});

export const readHealth: Reader<Health> = (w) => ({
  state: w.str("state"),
  latencyMs: w.optInt("latency_ms"),
  lastError: w.optStr("last_error"),
  checkedAt: w.optTime("checked_at"),
});

export const readCircuit: Reader<Circuit> = (w) => ({
  state: w.str("state"),
  failures: w.int("failures", 0),
  openUntil: w.optTime("open_until"),
  rejected: w.int("rejected", 0),
});

export const readAgentVersion: Reader<AgentVersion> = (w) => ({
  name: w.str("name"),
  version: w.str("version"),
  url: w.optStr("url"),
  description: w.optStr("description"),
  signed: w.optBool("signed"),
  createdAt: w.optTime("created_at"),
  category: w.optStr("category"),
  tags: w.strList("tags"),
  inputSchema: w.any("input_schema"),
  outputSchema: w.any("output_schema"),
  sensitive: w.optBool("sensitive"),
  deprecated: w.bool("deprecated", false),
  deprecatedAt: w.optTime("deprecated_at"),
  deprecationReason: w.optStr("deprecation_reason"),
  health: w.model("health", readHealth),
  circuit: w.model("circuit", readCircuit),
});

export const readAgent: Reader<Agent> = (w) => ({
  name: w.str("name"),
  kind: w.str("kind"),
  description: w.optStr("description"),
  latest: w.optStr("latest"),
  versions: w.list("versions", readAgentVersion),
});

export const readHealthCheck: Reader<HealthCheck> = (w) => ({
  status: w.str("status"),
  version: w.optStr("version"),
  latencyMs: w.optInt("latency_ms"),
  error: w.optStr("error"),
  checkedAt: w.optTime("checked_at"),
  health: w.model("health", readHealth),
  circuit: w.model("circuit", readCircuit),
});

/** Where a flow version is in its review: only an approved version runs. */
export type FlowVersionStatus = "draft" | "approved" | "rejected" | "unknown";

const FLOW_VERSION_STATUSES = ["draft", "approved", "rejected"] as const;

/** A flow version's review: its status, who deployed it, and who decided and why. */
export interface FlowReview {
  status: FlowVersionStatus;
  author: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

/** What a flow version changes against another (`against` null: nothing approved before it), as
 * a unified diff of the YAML with its count of added and removed lines. */
export interface FlowDiff {
  flow: string;
  version: string;
  against: string | null;
  unified: string;
  added: number;
  removed: number;
}

/** The answer to approving or rejecting a flow version: its review, and on approval the diff
 * against the version approved before it. */
export interface FlowDecision {
  flow: string;
  version: string;
  review: FlowReview;
  diff: FlowDiff | null;
}

/** Whether panic mode is on (every mutation and new run refused with 423), since when, by which
 * key and why. */
export interface PanicStatus {
  on: boolean;
  since: Date | null;
  by: string | null;
  reason: string | null;
}

/** One entry of the hash-chained audit log: who did what to which target, and its outcome. */
export interface AuditEntry {
  seq: number;
  at: Date | null;
  workspace: string;
  keyId: string | null;
  role: string | null;
  source: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: "ok" | "refused" | "error" | "unknown";
  status: number | null;
  requestId: string;
  beforeHash: string | null;
  afterHash: string | null;
  prevHash: string;
  hash: string;
}

/** The audit log's hash chain checked from its first entry: `intact`, or the first broken entry's
 * `brokenSeq` and what is wrong with it. */
export interface AuditVerification {
  intact: boolean;
  entries: number;
  brokenSeq: number | null;
  reason: string | null;
}

export const readFlowReview: Reader<FlowReview> = (w) => ({
  status: w.oneOf("status", FLOW_VERSION_STATUSES, "unknown"),
  author: w.optStr("author"),
  decidedBy: w.optStr("decided_by"),
  decidedAt: w.optTime("decided_at"),
  reason: w.optStr("reason"),
});

export const readFlowDiff: Reader<FlowDiff> = (w) => ({
  flow: w.str("flow"),
  version: w.str("version"),
  against: w.optStr("against"),
  unified: w.str("unified"),
  added: w.int("added"),
  removed: w.int("removed"),
});

export const readFlowDecision: Reader<FlowDecision> = (w) => ({
  flow: w.str("flow"),
  version: w.str("version"),
  review: w.model("review", readFlowReview)!, // the server always answers one
  diff: w.model("diff", readFlowDiff),
});

export const readPanicStatus: Reader<PanicStatus> = (w) => ({
  on: w.bool("on"),
  since: w.optTime("since"),
  by: w.optStr("by"),
  reason: w.optStr("reason"),
});

export const readAuditEntry: Reader<AuditEntry> = (w) => ({
  seq: w.int("seq"),
  at: w.optTime("at"),
  workspace: w.str("workspace"),
  keyId: w.optStr("key_id"),
  role: w.optStr("role"),
  source: w.optStr("source"),
  action: w.str("action"),
  targetType: w.optStr("target_type"),
  targetId: w.optStr("target_id"),
  outcome: w.oneOf("outcome", ["ok", "refused", "error"] as const, "unknown"),
  status: w.optInt("status"),
  requestId: w.str("request_id"),
  beforeHash: w.optStr("before_hash"),
  afterHash: w.optStr("after_hash"),
  prevHash: w.str("prev_hash"),
  hash: w.str("hash"),
});

export const readAuditVerification: Reader<AuditVerification> = (w) => ({
  intact: w.bool("intact"),
  entries: w.int("entries"),
  brokenSeq: w.optInt("broken_seq"),
  reason: w.optStr("reason"),
});

/** A secret's name, times and encryption key version; its value is never answered. */
export interface Secret {
  name: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  keyVersion: number;
}

/** The answer to a key rotation: the new key version and how many secrets were re-encrypted. */
export interface SecretRotation {
  keyVersion: number;
  reencrypted: number;
}

export const readSecret: Reader<Secret> = (w) => ({
  name: w.str("name"),
  createdAt: w.optTime("created_at"),
  updatedAt: w.optTime("updated_at"),
  keyVersion: w.int("key_version"),
});

export const readSecretRotation: Reader<SecretRotation> = (w) => ({
  keyVersion: w.int("key_version"),
  reencrypted: w.int("reencrypted"),
});

/** A model provider of the workspace; its API key is never answered, only `hasApiKey`. */
export interface ModelProvider {
  name: string;
  kind: string;
  baseUrl: string;
  defaultModel: string | null;
  timeoutSeconds: number;
  isDefault: boolean;
  hasApiKey: boolean;
  createdAt: Date | null;
}

/** Whether a provider answered a check (`ok` or `down`), how fast, and why not. */
export interface ProviderCheck {
  name: string;
  status: "ok" | "down" | "unknown";
  latencyMs: number;
  error: ErrorInfo | null;
  checkedAt: Date | null;
}

/** Tokens and cost of the model calls of one group (`key` null: calls without one). */
export interface CostTotal {
  key: string | null;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** Tokens and cost of model calls, grouped by `groupBy`, with their sum. */
export interface Costs {
  groupBy: string;
  items: CostTotal[];
  costUsd: number;
}

/** A daily or monthly budget of the workspace (`flow` null) or of one flow, and what its current
 * window spent. */
export interface Budget {
  flow: string | null;
  period: "daily" | "monthly" | "unknown";
  limitUsd: number;
  policy: "fail" | "hold" | "unknown";
  spentUsd: number;
  updatedAt: Date | null;
}

export const readModelProvider: Reader<ModelProvider> = (w) => ({
  name: w.str("name"),
  kind: w.str("kind"),
  baseUrl: w.str("base_url"),
  defaultModel: w.optStr("default_model"),
  timeoutSeconds: w.int("timeout_seconds"),
  isDefault: w.bool("is_default"),
  hasApiKey: w.bool("has_api_key"),
  createdAt: w.optTime("created_at"),
});

export const readProviderCheck: Reader<ProviderCheck> = (w) => ({
  name: w.str("name"),
  status: w.oneOf("status", ["ok", "down"] as const, "unknown"),
  latencyMs: w.int("latency_ms"),
  error: w.model("error", readErrorInfo),
  checkedAt: w.optTime("checked_at"),
});

export const readCostTotal: Reader<CostTotal> = (w) => ({
  key: w.optStr("key"),
  calls: w.int("calls"),
  promptTokens: w.int("prompt_tokens"),
  completionTokens: w.int("completion_tokens"),
  costUsd: w.num("cost_usd"),
});

export const readCosts: Reader<Costs> = (w) => ({
  groupBy: w.str("group_by"),
  items: w.list("items", readCostTotal),
  costUsd: w.num("cost_usd"),
});

export const readBudget: Reader<Budget> = (w) => ({
  flow: w.optStr("flow"),
  period: w.oneOf("period", ["daily", "monthly"] as const, "unknown"),
  limitUsd: w.num("limit_usd"),
  policy: w.oneOf("policy", ["fail", "hold"] as const, "unknown"),
  spentUsd: w.num("spent_usd"),
  updatedAt: w.optTime("updated_at"),
});

/** An API key of a workspace: its id, name, role, visible `prefix` and times. `key`, the key itself,
 * is set only in the answer that created it (it is stored hashed and never shown again). */
export interface ApiKey {
  id: string;
  workspace: string;
  name: string;
  role: "viewer" | "operator" | "admin" | "owner" | "unknown";
  prefix: string | null;
  createdAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  key: string | null;
}

/** One quota of a workspace: its limit (-1: unlimited) and how much of it is used now (null where
 * use is counted per key, as API calls per minute). */
export interface QuotaUse {
  name: string;
  limit: number;
  used: number | null;
}

/** A workspace: its id, name, plan and the quotas that plan and the owner's overrides give it. */
export interface Workspace {
  id: string;
  name: string;
  plan: "unlimited" | "free" | "startup" | "scale" | "unknown";
  createdAt: Date | null;
  quotas: QuotaUse[];
}

export const readApiKey: Reader<ApiKey> = (w) => ({
  id: w.str("id"),
  workspace: w.str("workspace"),
  name: w.str("name"),
  role: w.oneOf("role", ["viewer", "operator", "admin", "owner"] as const, "unknown"),
  prefix: w.optStr("prefix"),
  createdAt: w.optTime("created_at"),
  expiresAt: w.optTime("expires_at"),
  revokedAt: w.optTime("revoked_at"),
  lastUsedAt: w.optTime("last_used_at"),
  key: w.optStr("key"),
});

export const readQuotaUse: Reader<QuotaUse> = (w) => ({
  name: w.str("name"),
  limit: w.int("limit"),
  used: w.optInt("used"),
});

export const readWorkspace: Reader<Workspace> = (w) => ({
  id: w.str("id"),
  name: w.str("name"),
  plan: w.oneOf("plan", ["unlimited", "free", "startup", "scale"] as const, "unknown"),
  createdAt: w.optTime("created_at"),
  quotas: w.list("quotas", readQuotaUse),
});

/** The reader of a page of `read` items: `{"items": [...], "next_cursor": ...}`. */
export function readPage<T>(read: Reader<T>): Reader<Page<T>> {
  return (w) => {
    const items = w.list("items", read);
    const nextCursor = w.optStr("next_cursor");
    return { items, nextCursor, hasMore: nextCursor !== null };
  };
}

/** The reader of a list answer without paging: `{"items": [...]}`. */
export function readItems<T>(read: Reader<T>): Reader<T[]> {
  return (w) => w.list("items", read);
}

/** The reader of `/health` and `/ready`. */
export const readStatus: Reader<string> = (w) => w.str("status");

export { Wire };
