/**
 * Lays a flow's nodes out as a graph: nodes in rows by how deep their {@code needs} chain is,
 * containers (loop, foreach, fork) as boxes around their bodies, fork branches side by side. Pure
 * and deterministic, so that the same version always looks the same.
 */
import type { FlowNode } from '../api/types';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 68;
const GAP_X = 36;
const GAP_Y = 52;
/** Room inside a container for its title above the body and a margin around it. */
const PAD = 20;
const TITLE = 46;

export interface LaidNode {
  /** Unique in the graph: the node's id, prefixed by its containers' ids ({@code review/ocr}). */
  key: string;
  node: FlowNode;
  /** Its container's key, for nodes inside a loop, foreach or fork. */
  parent?: string;
  /** The fork branch it belongs to, if any. */
  branch?: string;
  /** Position relative to its container (or the canvas). */
  x: number;
  y: number;
  width: number;
  height: number;
  container: boolean;
}

export interface LaidEdge {
  key: string;
  source: string;
  target: string;
  /** {@code needs} (data/order) or {@code decision} (a decision may go there). */
  kind: 'needs' | 'decision';
}

export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

const CONTAINERS = new Set(['loop', 'foreach', 'fork']);

/** Lays out a flow version's nodes; containers come before their children in {@code nodes}. */
export function layoutFlow(nodes: FlowNode[]): Layout {
  const nodesOut: LaidNode[] = [];
  const edges: LaidEdge[] = [];
  const size = layoutScope(nodes, '', undefined, undefined, nodesOut, edges);
  return { nodes: nodesOut, edges, width: size.width, height: size.height };
}

/** The rank of each node: 0 without needs in its scope, else one more than its deepest need. */
export function ranks(nodes: FlowNode[]): Map<string, number> {
  const ids = new Set(nodes.map((n) => n.id));
  const before = new Map<string, string[]>();
  for (const node of nodes) {
    before.set(
      node.id,
      node.needs.filter((n) => ids.has(n)),
    );
  }
  // a decision's targets run after it: draw them below it
  for (const node of nodes) {
    for (const target of node.targets ?? []) {
      if (ids.has(target) && !before.get(target)!.includes(node.id)) {
        before.get(target)!.push(node.id);
      }
    }
  }
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = rank.get(id);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(id)) {
      return 0; // a cycle is the server's error to report; draw it anyway
    }
    visiting.add(id);
    const r = Math.max(-1, ...before.get(id)!.map(visit)) + 1;
    visiting.delete(id);
    rank.set(id, r);
    return r;
  };
  nodes.forEach((n) => visit(n.id));
  return rank;
}

interface Size {
  width: number;
  height: number;
}

function layoutScope(
  nodes: FlowNode[],
  prefix: string,
  parent: string | undefined,
  branch: string | undefined,
  out: LaidNode[],
  edges: LaidEdge[],
  origin = { x: 0, y: 0 },
): Size {
  const rankOf = ranks(nodes);
  const rows: FlowNode[][] = [];
  for (const node of nodes) {
    const r = rankOf.get(node.id)!;
    (rows[r] ??= []).push(node);
  }
  // measure first: a container's size is its body's
  const laid = new Map<string, { entry: LaidNode; children: LaidNode[]; childEdges: LaidEdge[] }>();
  for (const node of nodes) {
    const key = prefix + node.id;
    const children: LaidNode[] = [];
    const childEdges: LaidEdge[] = [];
    let width = NODE_WIDTH;
    let height = NODE_HEIGHT;
    const container = CONTAINERS.has(node.type);
    if (container) {
      const inner = layoutBody(node, key, children, childEdges);
      width = Math.max(NODE_WIDTH + 2 * PAD, inner.width + 2 * PAD);
      height = inner.height + TITLE + PAD;
    }
    laid.set(node.id, {
      entry: { key, node, parent, branch, x: 0, y: 0, width, height, container },
      children,
      childEdges,
    });
  }
  let y = origin.y;
  let width = 0;
  for (const row of rows) {
    if (!row) {
      continue;
    }
    const rowWidth = row.reduce((w, n) => w + laid.get(n.id)!.entry.width, 0) + GAP_X * (row.length - 1);
    width = Math.max(width, rowWidth);
  }
  for (const row of rows) {
    if (!row) {
      continue;
    }
    const rowWidth = row.reduce((w, n) => w + laid.get(n.id)!.entry.width, 0) + GAP_X * (row.length - 1);
    // centre each row under the widest one
    let x = origin.x + (width - rowWidth) / 2;
    let rowHeight = 0;
    for (const node of row) {
      const { entry, children, childEdges } = laid.get(node.id)!;
      entry.x = x;
      entry.y = y;
      x += entry.width + GAP_X;
      rowHeight = Math.max(rowHeight, entry.height);
      out.push(entry);
      out.push(...children);
      edges.push(...childEdges);
    }
    y += rowHeight + GAP_Y;
  }
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    for (const need of node.needs) {
      if (ids.has(need)) {
        edges.push({ key: `${prefix}${need}->${prefix}${node.id}`, source: prefix + need, target: prefix + node.id, kind: 'needs' });
      }
    }
    for (const target of node.targets ?? []) {
      if (ids.has(target)) {
        edges.push({
          key: `${prefix}${node.id}=>${prefix}${target}`,
          source: prefix + node.id,
          target: prefix + target,
          kind: 'decision',
        });
      }
    }
  }
  return { width, height: Math.max(0, y - origin.y - GAP_Y) };
}

/** Lays out a container's body (or a fork's branches side by side) at its top-left inside. */
function layoutBody(node: FlowNode, key: string, out: LaidNode[], edges: LaidEdge[]): Size {
  const childPrefix = key + '/';
  if (node.type === 'fork') {
    let x = PAD;
    let height = 0;
    for (const [name, branchNodes] of Object.entries(node.branches ?? {})) {
      const size = layoutScope(branchNodes, childPrefix, key, name, out, edges, { x, y: TITLE });
      x += size.width + GAP_X;
      height = Math.max(height, size.height);
    }
    return { width: Math.max(0, x - GAP_X - PAD), height };
  }
  return layoutScope(node.body ?? [], childPrefix, key, undefined, out, edges, { x: PAD, y: TITLE });
}
