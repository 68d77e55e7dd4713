/** Node and execution states, each with a label and a symbol so that colour never carries it alone. */

export type NodeStatus =
  | 'pending'
  | 'scheduled'
  | 'running'
  | 'retrying'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled';

export type ExecutionStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface StatusLook {
  /** Shown next to the symbol, and read out by screen readers. */
  label: string;
  /** A text symbol whose shape differs per state (not only its colour), in common fonts. */
  symbol: string;
  /** The CSS class that colours it. */
  tone: 'idle' | 'busy' | 'wait' | 'ok' | 'bad' | 'muted';
}

const LOOKS: Record<string, StatusLook> = {
  pending: { label: 'pending', symbol: '○', tone: 'idle' },
  scheduled: { label: 'scheduled', symbol: '◔', tone: 'idle' },
  running: { label: 'running', symbol: '▶', tone: 'busy' },
  retrying: { label: 'retrying', symbol: '↻', tone: 'wait' },
  waiting: { label: 'waiting', symbol: '‖', tone: 'wait' },
  succeeded: { label: 'succeeded', symbol: '✓', tone: 'ok' },
  failed: { label: 'failed', symbol: '✕', tone: 'bad' },
  skipped: { label: 'skipped', symbol: '⤼', tone: 'muted' },
  cancelled: { label: 'cancelled', symbol: '⊘', tone: 'muted' },
  draft: { label: 'draft', symbol: '✎', tone: 'wait' },
  approved: { label: 'approved', symbol: '✓', tone: 'ok' },
  rejected: { label: 'rejected', symbol: '✕', tone: 'bad' },
  pending_approval: { label: 'pending', symbol: '‖', tone: 'wait' },
  expired: { label: 'expired', symbol: '◌', tone: 'muted' },
};

/** How a state looks; an unknown state (from a newer server) shows its own name. */
export function lookOf(status: string | null | undefined): StatusLook {
  if (!status) {
    return { label: 'unknown', symbol: '?', tone: 'idle' };
  }
  return LOOKS[status] ?? { label: status, symbol: '?', tone: 'idle' };
}

/** True when a node in this state will not change any more (until a retry). */
export function isFinal(status: NodeStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'skipped' || status === 'cancelled';
}
