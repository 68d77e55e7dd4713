/** Executions: filtered by flow and state, paged by the server's cursor (fast at any size). */
import { useState, type FormEvent } from 'react';
import type { Session } from '../App';
import type { ExecutionSummary, Page } from '../api/types';
import { ErrorLine, Loading, StatusBadge, Time, useAsync } from '../components/common';
import { Link, navigate, useLocation } from '../router';

const PAGE_SIZE = 25;
const STATUSES = ['running', 'succeeded', 'failed', 'cancelled'];

export function ExecutionsPage({ session }: { session: Session }) {
  const { query } = useLocation();
  const flow = query.get('flow') ?? '';
  const status = query.get('status') ?? '';
  // the cursors of the pages before this one, to go back
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(
    () =>
      session.api.get<Page<ExecutionSummary>>('/api/v1/executions', {
        flow,
        status,
        cursor,
        limit: String(PAGE_SIZE),
      }),
    [session.api, flow, status, cursor],
  );
  const [flowField, setFlowField] = useState(flow);
  const [statusField, setStatusField] = useState(status);

  const filter = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (flowField.trim()) params.set('flow', flowField.trim());
    if (statusField) params.set('status', statusField);
    setCursors([]);
    navigate(`/executions${params.size ? `?${params}` : ''}`);
  };

  return (
    <section aria-labelledby="executions-title">
      <div className="page-head">
        <h1 id="executions-title">Executions</h1>
        <button type="button" onClick={page.reload}>
          Refresh
        </button>
      </div>
      <form className="filters" onSubmit={filter} role="search" aria-label="Filter executions">
        <label>
          Flow
          <input value={flowField} onChange={(e) => setFlowField(e.target.value)} placeholder="any flow" />
        </label>
        <label>
          State
          <select value={statusField} onChange={(e) => setStatusField(e.target.value)}>
            <option value="">any state</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <ErrorLine error={page.error} />
      {!page.data && page.loading && <Loading />}
      {page.data && (
        <>
          {page.data.items.length === 0 ? (
            <p className="muted">No executions match.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Execution</th>
                    <th scope="col">Flow</th>
                    <th scope="col">State</th>
                    <th scope="col">Started</th>
                    <th scope="col">Finished</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/executions/${e.id}`}>{e.id}</Link>
                      </td>
                      <td>
                        {e.flow}@{e.version}
                      </td>
                      <td>
                        <StatusBadge status={e.status} title={e.error ? `${e.error.code}: ${e.error.message}` : undefined} />
                      </td>
                      <td>
                        <Time at={e.created_at} />
                      </td>
                      <td>
                        <Time at={e.finished_at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              ← Newer
            </button>
            <span className="muted">page {cursors.length + 1}</span>
            <button
              type="button"
              disabled={!page.data.next_cursor}
              onClick={() => setCursors([...cursors, page.data!.next_cursor!])}
            >
              Older →
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
