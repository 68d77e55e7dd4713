/**
 * A flow version drawn as a graph with @xyflow/react: every node kind has its own shape and
 * symbol, containers (loop, foreach, fork) are groups around their bodies, and during an execution
 * each node shows its state as a symbol and a word as well as a colour.
 */
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { FlowNode } from '../api/types';
import { layoutFlow } from '../state/layout';
import type { NodeLive } from '../state/liveExecution';
import { lookOf } from '../state/status';

/** The symbol and name of each node kind. */
export const KINDS: Record<string, { symbol: string; name: string }> = {
  task: { symbol: '⚙', name: 'task' },
  decision: { symbol: '◆', name: 'decision' },
  approval: { symbol: '⚑', name: 'approval' },
  wait: { symbol: '◷', name: 'wait' },
  subflow: { symbol: '↳', name: 'subflow' },
  loop: { symbol: '⟳', name: 'loop' },
  foreach: { symbol: '≡', name: 'foreach' },
  fork: { symbol: '⑂', name: 'fork' },
};

type StepData = {
  node: FlowNode;
  state?: NodeLive & { instances: number };
  selected: boolean;
  branch?: string;
};

function detailOf(node: FlowNode): string {
  switch (node.type) {
    case 'task':
      return node.agent ?? '';
    case 'subflow':
      return node.flow ?? '';
    case 'loop':
      return `at most ${node.max_iterations ?? '?'} times`;
    case 'foreach':
      return `${node.max_concurrency ?? 1} at a time`;
    case 'fork':
      return `join: ${node.strategy ?? 'all'}`;
    case 'approval':
      return node.approvers?.length ? `by ${node.approvers.join(', ')}` : '';
    case 'decision':
      return node.targets?.length ? `→ ${node.targets.join(' | ')}` : '';
    default:
      return '';
  }
}

function StepNode({ data }: NodeProps<Node<StepData>>) {
  const kind = KINDS[data.node.type] ?? { symbol: '?', name: data.node.type };
  const look = data.state ? lookOf(data.state.status) : undefined;
  return (
    <div
      className={`step kind-${data.node.type} ${look ? `tone-${look.tone}` : ''} ${data.selected ? 'selected' : ''}`}
      data-node={data.node.id}
      data-status={data.state?.status ?? 'none'}
    >
      <Handle type="target" position={Position.Top} />
      <div className="step-title">
        <span className="kind" aria-hidden="true">{kind.symbol}</span>
        <strong>{data.node.id}</strong>
      </div>
      <div className="step-detail">
        <span className="muted">{kind.name}</span> {detailOf(data.node)}
        {data.branch ? <span className="muted"> · branch {data.branch}</span> : null}
      </div>
      {look && (
        <div className="step-state">
          <span aria-hidden="true">{look.symbol}</span> {look.label}
          {data.state!.attempt > 1 ? ` · attempt ${data.state!.attempt}` : ''}
          {data.state!.instances > 1 ? ` · ${data.state!.instances} runs` : ''}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

function GroupNode({ data }: NodeProps<Node<StepData>>) {
  const kind = KINDS[data.node.type] ?? { symbol: '?', name: data.node.type };
  const look = data.state ? lookOf(data.state.status) : undefined;
  return (
    <div
      className={`group kind-${data.node.type} ${look ? `tone-${look.tone}` : ''} ${data.selected ? 'selected' : ''}`}
      data-node={data.node.id}
      data-status={data.state?.status ?? 'none'}
    >
      <Handle type="target" position={Position.Top} />
      <div className="group-title">
        <span className="kind" aria-hidden="true">{kind.symbol}</span> <strong>{data.node.id}</strong>{' '}
        <span className="muted">
          {kind.name} · {detailOf(data.node)}
        </span>
      </div>
      {look && (
        <div className="group-state">
          <span aria-hidden="true">{look.symbol}</span> {look.label}
          {data.state!.instances > 1 ? ` · ${data.state!.instances} runs` : ''}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const nodeTypes = { step: StepNode, group: GroupNode };

export interface FlowGraphProps {
  nodes: FlowNode[];
  /** Each graph node's state during an execution, by graph key ({@code review/ocr}). */
  states?: Record<string, NodeLive & { instances: number }>;
  selected?: string;
  onSelect?: (key: string) => void;
  label: string;
}

export function FlowGraph({ nodes, states, selected, onSelect, label }: FlowGraphProps) {
  const layout = useMemo(() => layoutFlow(nodes), [nodes]);
  const flowNodes: Node<StepData>[] = layout.nodes.map((n) => ({
    id: n.key,
    type: n.container ? 'group' : 'step',
    position: { x: n.x, y: n.y },
    parentId: n.parent,
    extent: n.parent ? 'parent' : undefined,
    draggable: false,
    connectable: false,
    ariaLabel: `${n.node.type} ${n.node.id}${states?.[n.key] ? `, ${lookOf(states[n.key].status).label}` : ''}`,
    style: { width: n.width, height: n.height },
    data: { node: n.node, state: states?.[n.key], selected: selected === n.key, branch: n.branch },
  }));
  const edges: Edge[] = layout.edges.map((e) => ({
    id: e.key,
    source: e.source,
    target: e.target,
    animated: states?.[e.target]?.status === 'running',
    className: e.kind === 'decision' ? 'edge-decision' : 'edge-needs',
    label: e.kind === 'decision' ? 'may choose' : undefined,
  }));
  return (
    <div className="graph" role="figure" aria-label={label}>
      <ReactFlow
        nodes={flowNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_, node) => onSelect?.(node.id)}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
