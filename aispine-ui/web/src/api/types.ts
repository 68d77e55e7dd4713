/** The API's wire types that the console reads (see /openapi.json). */

export type Role = 'viewer' | 'operator' | 'admin' | 'owner';

/** The signed-in key, from GET /api/v1/auth/whoami. */
export interface ApiKeyInfo {
  id: string;
  workspace: string;
  name: string;
  role: Role;
  prefix?: string;
}

export interface FlowSummary {
  id: string;
  version: string;
  description?: string | null;
  created_at: string;
  status?: 'draft' | 'approved' | 'rejected' | null;
}

export interface FlowNode {
  id: string;
  type: string;
  needs: string[];
  agent?: string;
  targets?: string[];
  max_iterations?: number;
  max_concurrency?: number;
  body?: FlowNode[];
  strategy?: string;
  branches?: Record<string, FlowNode[]>;
  flow?: string;
  approvers?: string[];
}

export interface FlowReview {
  status: 'draft' | 'approved' | 'rejected';
  [key: string]: unknown;
}

export interface FlowVersion {
  id: string;
  version: string;
  description?: string | null;
  created_at: string;
  inputs: Record<string, { type?: string; required?: boolean; default?: unknown; description?: string }>;
  nodes: FlowNode[];
  outputs: string[];
  yaml: string;
  review?: FlowReview | null;
}

export interface ErrorInfo {
  code: string;
  message: string;
  retryable: boolean;
}

export type ExecutionStatusName = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface ExecutionSummary {
  id: string;
  flow: string;
  version: string;
  status: ExecutionStatusName;
  created_at: string;
  finished_at?: string | null;
  error?: ErrorInfo | null;
}

export interface NodeRun {
  attempt: number;
  status: string;
  agent?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  duration_ms?: number | null;
  error?: ErrorInfo | null;
  usage?: Record<string, unknown> | null;
  /** The input the agent was called with (secrets stay placeholders). */
  input?: unknown;
}

export interface NodeState {
  path: string;
  status: string;
  attempts: number;
  started_at?: string | null;
  finished_at?: string | null;
  output?: unknown;
  error?: ErrorInfo | null;
  runs: NodeRun[];
  reason?: string;
  reused?: boolean;
  waiting?: { reason: string; until?: string | null } | null;
}

export interface Execution extends ExecutionSummary {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  nodes: NodeState[];
  agents: Record<string, string>;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface Approval {
  id: string;
  execution: string;
  node: string;
  flow: string;
  message: string;
  approvers: string[];
  status: 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';
  comment?: string | null;
  answered_by?: string | null;
  created_at: string;
  expires_at?: string | null;
}

export interface AgentVersion {
  version: string;
  deprecated?: boolean;
  [key: string]: unknown;
}

export interface Agent {
  name: string;
  kind: string;
  description?: string | null;
  latest?: string | null;
  versions: AgentVersion[];
  drained: boolean;
}

/** An RFC 9457 problem, as every API error is answered. */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
}
