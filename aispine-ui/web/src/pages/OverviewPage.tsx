/** Overview: what runs, waits for a person and failed now, and the latest executions. */
import type { Session } from '../App';
import type { Agent, Approval, ExecutionSummary, Items, Page } from '../api/types';
import { ErrorLine, Loading, StatusBadge, Time, useAsync } from '../components/common';
import { Link } from '../router';

const COUNT_LIMIT = 500;

/** How many items a filter finds, up to one page of {@link COUNT_LIMIT}. */
function counted<T>(page: Page<T>): string {
  return page.next_cursor ? `${page.items.length}+` : String(page.items.length);
}

export function OverviewPage({ session }: { session: Session }) {
  const { api } = session;
  const data = useAsync(async () => {
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const [running, failed, waiting, recent, agents] = await Promise.all([
      api.get<Page<ExecutionSummary>>('/api/v1/executions', { status: 'running', limit: String(COUNT_LIMIT) }),
      api.get<Page<ExecutionSummary>>('/api/v1/executions', { status: 'failed', since: dayAgo, limit: String(COUNT_LIMIT) }),
      api.get<Page<Approval>>('/api/v1/approvals', { status: 'pending', limit: String(COUNT_LIMIT) }),
      api.get<Page<ExecutionSummary>>('/api/v1/executions', { limit: '10' }),
      api.get<Items<Agent>>('/api/v1/agents'),
    ]);
    return { running, failed, waiting, recent, agents: agents.items };
  }, [api]);

  return (
    <section aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">Overview</h1>
        <button type="button" onClick={data.reload}>
          Refresh
        </button>
      </div>
      <ErrorLine error={data.error} />
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <>
          <ul className="tiles">
            <li className="tile tone-busy">
              <Link to="/executions?status=running">
                <span className="tile-count" data-testid="count-running">{counted(data.data.running)}</span>
                <span className="tile-label">
                  <span aria-hidden="true">▶</span> running
                </span>
              </Link>
            </li>
            <li className="tile tone-wait">
              <Link to="/approvals">
                <span className="tile-count" data-testid="count-waiting">{counted(data.data.waiting)}</span>
                <span className="tile-label">
                  <span aria-hidden="true">‖</span> waiting for a person
                </span>
              </Link>
            </li>
            <li className="tile tone-bad">
              <Link to="/executions?status=failed">
                <span className="tile-count" data-testid="count-failed">{counted(data.data.failed)}</span>
                <span className="tile-label">
                  <span aria-hidden="true">✕</span> failed in the last 24 h
                </span>
              </Link>
            </li>
            <li className="tile tone-idle">
              <Link to="/agents">
                <span className="tile-count">{data.data.agents.length}</span>
                <span className="tile-label">
                  agents{drainedNote(data.data.agents)}
                </span>
              </Link>
            </li>
          </ul>
          <h2>Latest executions</h2>
          {data.data.recent.items.length === 0 ? (
            <p className="muted">No executions yet: run a flow from the Flows page.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Execution</th>
                    <th scope="col">Flow</th>
                    <th scope="col">State</th>
                    <th scope="col">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.recent.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/executions/${e.id}`}>{e.id}</Link>
                      </td>
                      <td>
                        {e.flow}@{e.version}
                      </td>
                      <td>
                        <StatusBadge status={e.status} />
                      </td>
                      <td>
                        <Time at={e.created_at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function drainedNote(agents: Agent[]): string {
  const drained = agents.filter((a) => a.drained).length;
  return drained > 0 ? ` (${drained} drained)` : '';
}
