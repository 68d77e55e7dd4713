/**
 * Flows: the deployed flows, the versions of one with their place in the gate (draft, approved,
 * rejected), and a version's graph with its YAML beside it. Operators run approved versions;
 * admins approve or reject drafts.
 */
import { useState, type FormEvent } from 'react';
import type { Session } from '../App';
import type { Execution, FlowSummary, FlowVersion, Items } from '../api/types';
import { ErrorLine, Loading, StatusBadge, Time, useAsync } from '../components/common';
import { FlowGraph } from '../components/FlowGraph';
import { abilitiesOf } from '../state/roles';
import { Link, navigate } from '../router';

interface Props {
  session: Session;
  flowId?: string;
  version?: string;
}

export function FlowsPage({ session, flowId, version }: Props) {
  const flows = useAsync(() => session.api.get<Items<FlowSummary>>('/api/v1/flows'), [session.api]);
  return (
    <section aria-labelledby="flows-title">
      <div className="page-head">
        <h1 id="flows-title">Flows</h1>
      </div>
      <ErrorLine error={flows.error} />
      {!flows.data && flows.loading && <Loading />}
      {flows.data && (
        <div className="split">
          <nav aria-label="Flows" className="side-list">
            {flows.data.items.length === 0 && (
              <p className="muted">
                No flows yet: deploy one with <code>aispine flow deploy</code>.
              </p>
            )}
            <ul>
              {flows.data.items.map((f) => (
                <li key={f.id}>
                  <Link to={`/flows/${encodeURIComponent(f.id)}`} aria-current={f.id === flowId ? 'page' : undefined}>
                    <strong>{f.id}</strong> <span className="muted">{f.version}</span>
                    {f.description && <span className="muted small block">{f.description}</span>}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="detail">
            {flowId ? (
              <FlowVersions key={flowId} session={session} flowId={flowId} version={version} />
            ) : (
              <p className="muted">Choose a flow to see its versions and graph.</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function FlowVersions({ session, flowId, version }: { session: Session; flowId: string; version?: string }) {
  const path = `/api/v1/flows/${encodeURIComponent(flowId)}`;
  const versions = useAsync(() => session.api.get<Items<FlowSummary>>(`${path}/versions`), [session.api, path]);
  const chosen = version ?? versions.data?.items[versions.data.items.length - 1]?.version;
  return (
    <>
      <h2>{flowId}</h2>
      <ErrorLine error={versions.error} />
      {versions.data && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Versions of {flowId}</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">State</th>
                <th scope="col">Deployed</th>
              </tr>
            </thead>
            <tbody>
              {[...versions.data.items].reverse().map((v) => (
                <tr key={v.version} className={v.version === chosen ? 'current' : undefined}>
                  <td>
                    <Link
                      to={`/flows/${encodeURIComponent(flowId)}/${encodeURIComponent(v.version)}`}
                      aria-current={v.version === chosen ? 'true' : undefined}
                    >
                      {v.version}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={v.status ?? 'approved'} />
                  </td>
                  <td>
                    <Time at={v.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && (
        <VersionView key={chosen} session={session} flowId={flowId} version={chosen} onChanged={versions.reload} />
      )}
    </>
  );
}

function VersionView(props: { session: Session; flowId: string; version: string; onChanged: () => void }) {
  const { session, flowId, version, onChanged } = props;
  const path = `/api/v1/flows/${encodeURIComponent(flowId)}/versions/${encodeURIComponent(version)}`;
  const flow = useAsync(() => session.api.get<FlowVersion>(path), [session.api, path]);
  const abilities = abilitiesOf(session.me.role);
  const status = flow.data?.review?.status ?? 'approved';
  return (
    <div>
      <ErrorLine error={flow.error} />
      {!flow.data && flow.loading && <Loading />}
      {flow.data && (
        <>
          <div className="page-head">
            <h3>
              {flowId}@{version} <StatusBadge status={status} />
            </h3>
            {flow.data.description && <p className="muted">{flow.data.description}</p>}
          </div>
          {abilities.reviewFlows && status === 'draft' && (
            <ReviewForm session={session} path={path} onDone={() => { flow.reload(); onChanged(); }} />
          )}
          {abilities.run && status === 'approved' && <RunForm session={session} flow={flow.data} />}
          {status !== 'approved' && abilities.run && (
            <p className="muted">
              Only approved versions run; this one is {status}.
            </p>
          )}
          <div className="graph-and-source">
            <FlowGraph nodes={flow.data.nodes} label={`Graph of ${flowId} version ${version}`} />
            <div>
              <h4 id="yaml-title">YAML (read-only)</h4>
              <pre className="code yaml" aria-labelledby="yaml-title" tabIndex={0}>
                {flow.data.yaml}
              </pre>
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function RunForm({ session, flow }: { session: Session; flow: FlowVersion }) {
  const defaults = Object.fromEntries(
    Object.entries(flow.inputs).map(([name, input]) => [name, input.default ?? (input.type === 'number' ? 0 : '')]),
  );
  const [inputs, setInputs] = useState(JSON.stringify(defaults, null, 2));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(inputs);
    } catch (e) {
      setError(new Error(`The inputs are not JSON: ${(e as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      const execution = await session.api.post<Execution>(`/api/v1/flows/${encodeURIComponent(flow.id)}/executions`, {
        inputs: parsed,
        version: flow.version,
      });
      navigate(`/executions/${execution.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <form className="run-form" onSubmit={run}>
      <label htmlFor="run-inputs">Inputs (JSON)</label>
      <textarea id="run-inputs" rows={Math.min(8, inputs.split('\n').length + 1)} value={inputs} onChange={(e) => setInputs(e.target.value)} spellCheck={false} />
      <button type="submit" disabled={busy}>
        <span aria-hidden="true">▶</span> Run {flow.id}@{flow.version}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

function ReviewForm({ session, path, onDone }: { session: Session; path: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    setError(null);
    try {
      await session.api.post(`${path}/${decision}`, decision === 'reject' ? { reason } : undefined);
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="review-form" role="group" aria-label="Review this draft">
      <label htmlFor="review-reason">Reason (for a rejection)</label>
      <input id="review-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="buttons">
        <button type="button" onClick={() => decide('approve')}>
          <span aria-hidden="true">✓</span> Approve version
        </button>
        <button type="button" className="danger" onClick={() => decide('reject')} disabled={reason.trim() === ''}>
          <span aria-hidden="true">✕</span> Reject version
        </button>
      </div>
      <ErrorLine error={error} />
    </div>
  );
}
