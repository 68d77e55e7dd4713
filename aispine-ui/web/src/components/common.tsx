/** Small pieces every page uses: state badges, loading and error lines, times. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { lookOf } from '../state/status';

/** A state as symbol + word + colour: never colour alone. */
export function StatusBadge({ status, title }: { status: string | null | undefined; title?: string }) {
  const look = lookOf(status);
  return (
    <span className={`badge tone-${look.tone}`} title={title}>
      <span aria-hidden="true">{look.symbol}</span> {look.label}
    </span>
  );
}

export function ErrorLine({ error }: { error: unknown }) {
  if (!error) {
    return null;
  }
  const text = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

export function Loading() {
  return <p className="muted" aria-live="polite">Loading…</p>;
}

export function Time({ at }: { at: string | null | undefined }) {
  if (!at) {
    return <span className="muted">—</span>;
  }
  const date = new Date(at);
  return <time dateTime={at} title={at}>{date.toLocaleString()}</time>;
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads {@code load()} whenever {@code deps} change; {@code reload} loads again. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  // the caller names what the load depends on, like a hook's dependency list
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** JSON shown read-only, formatted. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="code" aria-label={label} tabIndex={0}>
      {value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}
