/**
 * The live state of one execution, folded from its event stream: each node's state, attempt and
 * error, the execution's own status, and the output streamed so far. Pure functions: the page
 * feeds events in, the tests feed recorded ones.
 */
import type { ExecutionStatus, NodeStatus } from './status';

/** One message of an execution's event stream, as the server sends it (a CloudEvent's parts). */
export interface StreamEvent {
  /** The event's sequence number in its execution; absent for streamed output pieces. */
  seq?: number;
  /** The event type, e.g. {@code node.started}. */
  type: string;
  /** The node instance's path, e.g. {@code ocr} or {@code review/2/ocr}. */
  node?: string;
  attempt?: number;
  data: Record<string, unknown>;
}

export interface ErrorView {
  code: string;
  message: string;
  retryable?: boolean;
}

export interface NodeLive {
  /** The instance path, e.g. {@code review/2/ocr}. */
  path: string;
  status: NodeStatus;
  attempt: number;
  error?: ErrorView;
  /** Why it waits or was skipped, when the server said. */
  reason?: string;
  /** The order in which this instance last changed, to pick the newest of a node's instances. */
  touched: number;
}

export interface LiveExecution {
  /** The highest sequence number applied: sent back as Last-Event-ID when reconnecting. */
  lastSeq: number;
  status: ExecutionStatus | 'unknown';
  nodes: Record<string, NodeLive>;
  /** Output streamed by running nodes (LLM tokens), by path, not yet replaced by the result. */
  streamed: Record<string, string>;
  /** The number of events applied, to order changes. */
  applied: number;
}

export const EMPTY: LiveExecution = { lastSeq: 0, status: 'unknown', nodes: {}, streamed: {}, applied: 0 };

const NODE_STATUS_BY_EVENT: Record<string, NodeStatus> = {
  'node.scheduled': 'scheduled',
  'node.started': 'running',
  'node.completed': 'succeeded',
  'node.reused': 'succeeded',
  'node.retrying': 'retrying',
  'node.lease_expired': 'retrying',
  'node.skipped': 'skipped',
  'node.cancelled': 'cancelled',
  'node.deferred': 'waiting',
  'approval.requested': 'waiting',
  'approval.answered': 'running',
  'approval.expired': 'running',
  'timer.started': 'waiting',
  'timer.fired': 'running',
  'loop.iteration_started': 'running',
  'foreach.item_started': 'running',
};

const EXECUTION_STATUS_BY_EVENT: Record<string, ExecutionStatus> = {
  'execution.started': 'running',
  'execution.retried': 'running',
  'execution.completed': 'succeeded',
  'execution.failed': 'failed',
  'execution.cancelled': 'cancelled',
};

/**
 * Applies one event. Events at or below {@code lastSeq} were applied already (a reconnect may send
 * them again) and change nothing, so the stream is applied exactly once.
 */
export function applyEvent(state: LiveExecution, event: StreamEvent): LiveExecution {
  if (event.type === 'node.output.delta') {
    return appendDelta(state, event);
  }
  if (event.seq !== undefined && event.seq <= state.lastSeq) {
    return state;
  }
  const applied = state.applied + 1;
  const lastSeq = event.seq ?? state.lastSeq;
  const executionStatus = EXECUTION_STATUS_BY_EVENT[event.type];
  if (executionStatus) {
    return { ...state, lastSeq, applied, status: executionStatus };
  }
  if (!event.node) {
    return { ...state, lastSeq, applied };
  }
  const status = nodeStatusOf(event);
  if (!status) {
    return { ...state, lastSeq, applied };
  }
  const previous = state.nodes[event.node];
  const node: NodeLive = {
    path: event.node,
    status,
    attempt: event.attempt ?? (event.data.attempt as number | undefined) ?? previous?.attempt ?? 0,
    error: status === 'failed' || status === 'retrying' ? errorOf(event) ?? previous?.error : undefined,
    reason: typeof event.data.reason === 'string' ? event.data.reason : undefined,
    touched: applied,
  };
  const streamed = { ...state.streamed };
  if (status === 'succeeded' || status === 'failed') {
    delete streamed[event.node];
  }
  return {
    lastSeq,
    applied,
    status: state.status === 'unknown' ? 'running' : state.status,
    nodes: { ...state.nodes, [event.node]: node },
    streamed,
  };
}

/** Applies events in order. */
export function applyAll(state: LiveExecution, events: StreamEvent[]): LiveExecution {
  return events.reduce(applyEvent, state);
}

function nodeStatusOf(event: StreamEvent): NodeStatus | undefined {
  if (event.type === 'node.failed') {
    // a failure that will be retried is not the node's end
    return event.data.final === false ? 'retrying' : 'failed';
  }
  return NODE_STATUS_BY_EVENT[event.type];
}

function errorOf(event: StreamEvent): ErrorView | undefined {
  const error = event.data.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  return {
    code: String(error.code ?? 'ERROR'),
    message: String(error.message ?? ''),
    retryable: error.retryable === true,
  };
}

function appendDelta(state: LiveExecution, event: StreamEvent): LiveExecution {
  const text = event.data.text;
  if (!event.node || typeof text !== 'string') {
    return state;
  }
  return {
    ...state,
    streamed: { ...state.streamed, [event.node]: (state.streamed[event.node] ?? '') + text },
  };
}

/**
 * The node of the flow's graph that an instance path belongs to: {@code review/2/ocr} (iteration 2
 * of loop {@code review}) is drawn as {@code review/ocr}. Paths alternate node ids and instance
 * names (an iteration, an item's index or a fork branch).
 */
export function graphKeyOf(path: string): string {
  return path
    .split('/')
    .filter((_, i) => i % 2 === 0)
    .join('/');
}

/** The instance name inside the innermost container ({@code 2} for {@code review/2/ocr}). */
export function instanceOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts.length >= 3 ? parts[parts.length - 2] : undefined;
}

/**
 * Each graph node's state: the newest-changed instance of it (a loop's body node shows its current
 * iteration), with how many instances there are.
 */
export function statesByGraphNode(state: LiveExecution): Record<string, NodeLive & { instances: number }> {
  const result: Record<string, NodeLive & { instances: number }> = {};
  for (const node of Object.values(state.nodes)) {
    const key = graphKeyOf(node.path);
    const known = result[key];
    if (!known) {
      result[key] = { ...node, instances: 1 };
    } else {
      const newer = node.touched > known.touched ? node : known;
      result[key] = { ...newer, instances: known.instances + 1 };
    }
  }
  return result;
}

/**
 * The state from one wire message of the stream: {@code event} is the SSE event name, {@code data}
 * the CloudEvent JSON.
 */
export function parseStreamMessage(eventName: string, data: string): StreamEvent | undefined {
  let cloud: Record<string, unknown>;
  try {
    cloud = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const payload = (cloud.data ?? {}) as Record<string, unknown>;
  return {
    seq: typeof payload.seq === 'number' ? payload.seq : undefined,
    type: eventName,
    node: typeof cloud.subject === 'string' ? cloud.subject : undefined,
    attempt: typeof payload.attempt === 'number' ? payload.attempt : undefined,
    data: payload,
  };
}
