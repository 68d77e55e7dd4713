import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../src/api/types';
import { layoutFlow, ranks, type LaidNode } from '../src/state/layout';

const node = (id: string, needs: string[] = [], extra: Partial<FlowNode> = {}): FlowNode => ({
  id,
  type: 'task',
  needs,
  ...extra,
});

function overlaps(a: LaidNode, b: LaidNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('flow layout', () => {
  it('ranks nodes by their deepest need', () => {
    const r = ranks([node('a'), node('b', ['a']), node('c', ['a']), node('d', ['b', 'c']), node('e')]);
    expect(Object.fromEntries(r)).toEqual({ a: 0, b: 1, c: 1, d: 2, e: 0 });
  });

  it('puts a decision above the nodes it may choose', () => {
    const r = ranks([node('route', [], { type: 'decision', targets: ['pay', 'decline'] }), node('pay'), node('decline')]);
    expect(r.get('pay')).toBe(1);
    expect(r.get('decline')).toBe(1);
    const layout = layoutFlow([node('route', [], { type: 'decision', targets: ['pay'] }), node('pay')]);
    expect(layout.edges).toContainEqual(expect.objectContaining({ source: 'route', target: 'pay', kind: 'decision' }));
  });

  it('places nodes of one scope without overlap, each row below the rows it needs', () => {
    const layout = layoutFlow([node('a'), node('b', ['a']), node('c', ['a']), node('d', ['b', 'c'])]);
    const at = Object.fromEntries(layout.nodes.map((n) => [n.key, n]));
    expect(at.b.y).toBeGreaterThan(at.a.y);
    expect(at.d.y).toBeGreaterThan(at.b.y);
    expect(overlaps(at.b, at.c)).toBe(false);
    expect(layout.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(['a->b', 'a->c', 'b->d', 'c->d']);
  });

  it('draws containers as groups holding their bodies, parents before children', () => {
    const flow = [
      node('fetch'),
      node('review', ['fetch'], { type: 'loop', max_iterations: 3, body: [node('ocr'), node('check', ['ocr'])] }),
      node('read', ['review'], {
        type: 'fork',
        strategy: 'first',
        branches: { fast: [node('fast_ocr')], thorough: [node('slow_ocr'), node('slow_check', ['slow_ocr'])] },
      }),
    ];
    const layout = layoutFlow(flow);
    const keys = layout.nodes.map((n) => n.key);
    const at = Object.fromEntries(layout.nodes.map((n) => [n.key, n]));

    expect(keys).toEqual(
      expect.arrayContaining(['fetch', 'review', 'review/ocr', 'review/check', 'read', 'read/fast_ocr', 'read/slow_check']),
    );
    for (const child of layout.nodes.filter((n) => n.parent)) {
      const parent = at[child.parent!];
      expect(keys.indexOf(parent.key)).toBeLessThan(keys.indexOf(child.key));
      // children are placed relative to their group and fit inside it
      expect(child.x).toBeGreaterThanOrEqual(0);
      expect(child.y).toBeGreaterThan(0);
      expect(child.x + child.width).toBeLessThanOrEqual(parent.width);
      expect(child.y + child.height).toBeLessThanOrEqual(parent.height);
    }
    expect(at.review.container).toBe(true);
    expect(at['read/fast_ocr'].branch).toBe('fast');
    expect(overlaps(at['read/fast_ocr'], at['read/slow_ocr'])).toBe(false);
    expect(layout.edges).toContainEqual(expect.objectContaining({ source: 'review/ocr', target: 'review/check' }));
  });

  it('lays out the same flow the same way every time', () => {
    const flow = [node('a'), node('b', ['a']), node('c', ['a'])];
    expect(layoutFlow(flow)).toEqual(layoutFlow(flow));
  });
});
