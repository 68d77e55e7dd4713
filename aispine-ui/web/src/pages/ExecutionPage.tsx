/**
 * One execution, live: its flow's graph coloured by node state from the event stream (resuming
 * with Last-Event-ID after a drop), the nodes as a keyboard-friendly list, a node's inputs,
 * outputs, errors and attempts, and cancel / retry for operators.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Session } from '../App';
import type { Execution, FlowNode, FlowVersion, NodeState } from '../api/types';
import { ErrorLine, JsonBlock, Loading, StatusBadge, Time, useAsync } from '../components/common';
import { FlowGraph, KINDS } from '../components/FlowGraph';
import { layoutFlow } from '../state/layout';
import { EMPTY, applyEvent, graphKeyOf, parseStreamMessage, statesByGraphNode, type LiveExecution, type StreamEvent } from '../state/liveExecution';
import { follow } from '../state/sse';
import { abilitiesOf } from '../state/roles';
import { Link } from '../router';

const TERMINAL = new Set(['execution.completed', 'execution.failed', 'execution.cancelled']);

type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'refused';

export function ExecutionPage({ session, id }: { session: Session; id: string }) {
  const { api } = session;
  const path = `/api/v1/executions/${encodeURIComponent(id)}`;
  const execution = useAsync(() => api.get<Execution>(path), [api, path]);
  const flowRef = execution.data ? `${execution.data.flow}@${execution.data.version}` : undefined;
  const flow = useAsync(
    () =>
      execution.data
        ? api.get<FlowVersion>(
            `/api/v1/flows/${encodeURIComponent(execution.data.flow)}/versions/${encodeURIComponent(execution.data.version)}`,
          )
        : Promise.resolve(undefined),
    // the flow version is read once per execution, not again on each reload of the execution
    [api, flowRef],
  );
  const [live, dispatch] = useReducer((state: LiveExecution, event: StreamEvent) => applyEvent(state, event), EMPTY);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [selected, setSelected] = useState<string | undefined>();
  const reload = execution.reload;
  // set by the terminal event itself: the stream then ends and must not be reopened
  const ended = useRef(false);

  useEffect(() => {
    const finished = () => ended.current;
    const stop = follow({
      url: `${path}/stream`,
      headers: api.headers(),
      onMessage: (message) => {
        const event = parseStreamMessage(message.event, message.data);
        if (TERMINAL.has(message.event)) {
          ended.current = true;
        }
        if (event) {
          dispatch(event);
        }
      },
      onConnected: (connected) => setConnection(connected ? 'live' : finished() ? 'ended' : 'reconnecting'),
      finished,
      onFatal: () => setConnection('refused'),
    });
    return stop;
  }, [api, path]);

  // the details (outputs, errors, attempts) come from the API: read them again as nodes settle
  const settled = Object.values(live.nodes).filter((n) => ['succeeded', 'failed', 'skipped', 'cancelled', 'waiting'].includes(n.status)).length;
  useEffect(() => {
    if (settled > 0 || live.status !== 'unknown') {
      const timer = setTimeout(reload, 150);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [settled, live.status, reload]);

  const states = useMemo(() => statesByGraphNode(live), [live]);
  const status = live.status !== 'unknown' ? live.status : execution.data?.status;
  const abilities = abilitiesOf(session.me.role);

  return (
    <section aria-labelledby="execution-title">
      <div className="page-head">
        <h1 id="execution-title">
          Execution <code>{id}</code>
        </h1>
        <span className="execution-status" data-testid="execution-status">
          <StatusBadge status={status} />
        </span>
        <ConnectionLine connection={connection} />
      </div>
      <ErrorLine error={execution.error} />
      {!execution.data && execution.loading && <Loading />}
      {execution.data && (
        <>
          <p>
            Flow{' '}
            <Link to={`/flows/${encodeURIComponent(execution.data.flow)}/${encodeURIComponent(execution.data.version)}`}>
              {flowRef}
            </Link>{' '}
            · started <Time at={execution.data.created_at} /> · finished <Time at={execution.data.finished_at} />
          </p>
          {execution.data.error && (
            <p className="error" role="alert">
              <strong>{execution.data.error.code}</strong>: {execution.data.error.message}
            </p>
          )}
          {abilities.run && <Actions session={session} execution={execution.data} status={status} onDone={reload} />}
          <ErrorLine error={flow.error} />
          {flow.data && (
            <div className="graph-and-source">
              <FlowGraph
                nodes={flow.data.nodes}
                states={states}
                selected={selected}
                onSelect={setSelected}
                label={`Live graph of execution ${id}`}
              />
              <NodeList nodes={flow.data.nodes} states={states} selected={selected} onSelect={setSelected} />
            </div>
          )}
          {selected && (
            <NodeDetail
              graphKey={selected}
              nodes={execution.data.nodes.filter((n) => graphKeyOf(n.path) === selected)}
              streamed={Object.entries(live.streamed)
                .filter(([p]) => graphKeyOf(p) === selected)
                .map(([, text]) => text)
                .join('')}
            />
          )}
          <details>
            <summary>Inputs and outputs of the execution</summary>
            <h3>Inputs</h3>
            <JsonBlock value={execution.data.inputs} label="Execution inputs" />
            <h3>Outputs</h3>
            <JsonBlock value={execution.data.outputs} label="Execution outputs" />
          </details>
        </>
      )}
    </section>
  );
}

function ConnectionLine({ connection }: { connection: Connection }) {
  const text: Record<Connection, string> = {
    connecting: 'connecting to the event stream…',
    live: '● live',
    reconnecting: 'stream lost, reconnecting…',
    ended: 'stream ended',
    refused: 'the server refused the event stream',
  };
  return (
    <span className={`connection connection-${connection}`} role="status" aria-live="polite">
      {text[connection]}
    </span>
  );
}

function Actions(props: { session: Session; execution: Execution; status: string | undefined; onDone: () => void }) {
  const { session, execution, status, onDone } = props;
  const [error, setError] = useState<unknown>(null);
  const act = async (action: 'cancel' | 'retry') => {
    setError(null);
    try {
      await session.api.post(`/api/v1/executions/${encodeURIComponent(execution.id)}/${action}`);
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="buttons">
      {status === 'running' && (
        <button type="button" className="danger" onClick={() => act('cancel')}>
          <span aria-hidden="true">⊘</span> Cancel execution
        </button>
      )}
      {(status === 'failed' || status === 'cancelled') && (
        <button type="button" onClick={() => act('retry')}>
          <span aria-hidden="true">↻</span> Retry failed nodes
        </button>
      )}
      <ErrorLine error={error} />
    </div>
  );
}

function NodeList(props: {
  nodes: FlowNode[];
  states: ReturnType<typeof statesByGraphNode>;
  selected?: string;
  onSelect: (key: string) => void;
}) {
  const laid = useMemo(() => layoutFlow(props.nodes), [props.nodes]);
  return (
    <div>
      <h2 id="nodes-title">Nodes</h2>
      <ul className="node-list" aria-labelledby="nodes-title">
        {laid.nodes.map((n) => (
          <li key={n.key} style={{ paddingLeft: `${(n.key.split('/').length - 1) * 1}rem` }}>
            <button
              type="button"
              aria-pressed={props.selected === n.key}
              onClick={() => props.onSelect(n.key)}
              data-node-button={n.key}
            >
              <span aria-hidden="true">{KINDS[n.node.type]?.symbol ?? '?'}</span> {n.node.id}
            </button>{' '}
            <StatusBadge status={props.states[n.key]?.status ?? 'pending'} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function NodeDetail({ graphKey, nodes, streamed }: { graphKey: string; nodes: NodeState[]; streamed: string }) {
  return (
    <section className="node-detail" aria-labelledby="node-detail-title">
      <h2 id="node-detail-title">
        Node <code>{graphKey}</code>
      </h2>
      {nodes.length === 0 && <p className="muted">This node has not run (yet).</p>}
      {streamed && (
        <>
          <h3>Output so far</h3>
          <pre className="code" aria-live="polite">
            {streamed}
          </pre>
        </>
      )}
      {nodes.map((node) => (
        <article key={node.path} className="node-instance">
          <h3>
            <code>{node.path}</code> <StatusBadge status={node.status} />{' '}
            <span className="muted">
              {node.attempts} attempt{node.attempts === 1 ? '' : 's'}
              {node.reused ? ' · reused from the replayed execution' : ''}
            </span>
          </h3>
          {node.reason && <p className="muted">{node.reason}</p>}
          {node.waiting && (
            <p>
              Waiting: {node.waiting.reason}
              {node.waiting.until ? (
                <>
                  {' '}
                  until <Time at={node.waiting.until} />
                </>
              ) : null}
            </p>
          )}
          {node.error && (
            <p className="error" role="alert">
              <strong>{node.error.code}</strong>: {node.error.message}
              {node.error.retryable ? ' (retryable)' : ''}
            </p>
          )}
          <h4>Output</h4>
          <JsonBlock value={node.output} label={`Output of ${node.path}`} />
          {node.runs.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption>Attempts of {node.path}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">State</th>
                    <th scope="col">Agent</th>
                    <th scope="col">Took</th>
                    <th scope="col">Input</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {node.runs.map((run) => (
                    <tr key={run.attempt}>
                      <td>{run.attempt}</td>
                      <td>
                        <StatusBadge status={run.status} />
                      </td>
                      <td>{run.agent ?? '—'}</td>
                      <td>{run.duration_ms == null ? '—' : `${run.duration_ms} ms`}</td>
                      <td>
                        <JsonBlock value={run.input} label={`Input of attempt ${run.attempt}`} />
                      </td>
                      <td>{run.error ? `${run.error.code}: ${run.error.message}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
