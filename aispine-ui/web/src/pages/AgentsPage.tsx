/** Agents: the registry with kinds, versions and whether they are drained. */
import type { Session } from '../App';
import type { Agent, Items } from '../api/types';
import { ErrorLine, Loading, useAsync } from '../components/common';

export function AgentsPage({ session }: { session: Session }) {
  const agents = useAsync(() => session.api.get<Items<Agent>>('/api/v1/agents'), [session.api]);
  return (
    <section aria-labelledby="agents-title">
      <div className="page-head">
        <h1 id="agents-title">Agents</h1>
        <button type="button" onClick={agents.reload}>
          Refresh
        </button>
      </div>
      <ErrorLine error={agents.error} />
      {!agents.data && agents.loading && <Loading />}
      {agents.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Kind</th>
                <th scope="col">Latest</th>
                <th scope="col">Versions</th>
                <th scope="col">Traffic</th>
              </tr>
            </thead>
            <tbody>
              {agents.data.items.map((a) => (
                <tr key={a.name}>
                  <td>
                    <strong>{a.name}</strong>
                    {a.description && <div className="muted small">{a.description}</div>}
                  </td>
                  <td>{a.kind}</td>
                  <td>{a.latest ?? '—'}</td>
                  <td>{a.versions.map((v) => v.version + (v.deprecated ? ' (deprecated)' : '')).join(', ') || '—'}</td>
                  <td>
                    {a.drained ? (
                      <span className="badge tone-wait">
                        <span aria-hidden="true">‖</span> drained
                      </span>
                    ) : (
                      <span className="badge tone-ok">
                        <span aria-hidden="true">✓</span> accepting
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
