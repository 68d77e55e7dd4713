import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  applyAll,
  applyEvent,
  graphKeyOf,
  instanceOf,
  parseStreamMessage,
  statesByGraphNode,
  type StreamEvent,
} from '../src/state/liveExecution';

const ev = (seq: number, type: string, node?: string, data: Record<string, unknown> = {}): StreamEvent => ({
  seq,
  type,
  node,
  attempt: node ? 1 : undefined,
  data,
});

describe('live execution state', () => {
  it('follows a node from scheduled through running to succeeded', () => {
    let state = applyEvent(EMPTY, ev(1, 'execution.started'));
    state = applyEvent(state, ev(2, 'node.scheduled', 'fetch'));
    expect(state.nodes.fetch.status).toBe('scheduled');
    state = applyEvent(state, ev(3, 'node.started', 'fetch'));
    expect(state.nodes.fetch.status).toBe('running');
    state = applyEvent(state, ev(4, 'node.completed', 'fetch'));
    state = applyEvent(state, ev(5, 'execution.completed'));

    expect(state.nodes.fetch.status).toBe('succeeded');
    expect(state.status).toBe('succeeded');
    expect(state.lastSeq).toBe(5);
  });

  it('ignores events it has applied already, as a reconnect may send them again', () => {
    const events = [ev(1, 'execution.started'), ev(2, 'node.started', 'a'), ev(3, 'node.completed', 'a')];
    const once = applyAll(EMPTY, events);
    const twice = applyAll(once, [events[1], events[2], ev(4, 'node.started', 'b')]);

    expect(twice.nodes.a.status).toBe('succeeded');
    expect(twice.nodes.b.status).toBe('running');
    expect(twice.applied).toBe(once.applied + 1);
  });

  it('shows a failure that will be retried as retrying, and the last one as failed with its error', () => {
    const error = { code: 'AGENT_TIMEOUT', message: 'no answer in 30 s', retryable: true };
    let state = applyAll(EMPTY, [
      ev(1, 'node.started', 'ocr'),
      ev(2, 'node.failed', 'ocr', { error, final: false }),
    ]);
    expect(state.nodes.ocr.status).toBe('retrying');
    expect(state.nodes.ocr.error?.code).toBe('AGENT_TIMEOUT');

    state = applyAll(state, [
      { ...ev(3, 'node.started', 'ocr'), attempt: 2 },
      { ...ev(4, 'node.failed', 'ocr', { error, final: true }), attempt: 2 },
      ev(5, 'execution.failed'),
    ]);
    expect(state.nodes.ocr).toMatchObject({ status: 'failed', attempt: 2, error: { message: 'no answer in 30 s' } });
    expect(state.status).toBe('failed');
  });

  it('marks an approval node as waiting until it is answered', () => {
    const state = applyAll(EMPTY, [ev(1, 'node.started', 'review'), ev(2, 'approval.requested', 'review')]);
    expect(state.nodes.review.status).toBe('waiting');
    const answered = applyAll(state, [ev(3, 'approval.answered', 'review'), ev(4, 'node.completed', 'review')]);
    expect(answered.nodes.review.status).toBe('succeeded');
  });

  it('collects streamed output until the node completes', () => {
    let state = applyEvent(EMPTY, ev(1, 'node.started', 'llm'));
    state = applyEvent(state, { type: 'node.output.delta', node: 'llm', data: { text: 'Hel' } });
    state = applyEvent(state, { type: 'node.output.delta', node: 'llm', data: { text: 'lo' } });
    expect(state.streamed.llm).toBe('Hello');
    expect(state.lastSeq).toBe(1); // deltas carry no id: a reconnect resumes after the stored event

    state = applyEvent(state, ev(2, 'node.completed', 'llm'));
    expect(state.streamed.llm).toBeUndefined();
  });

  it('draws instances of container bodies on their graph node, showing the newest', () => {
    expect(graphKeyOf('review/2/ocr')).toBe('review/ocr');
    expect(graphKeyOf('read/fast_engine/fast_ocr')).toBe('read/fast_ocr');
    expect(graphKeyOf('ocr')).toBe('ocr');
    expect(instanceOf('review/2/ocr')).toBe('2');

    const state = applyAll(EMPTY, [
      ev(1, 'node.completed', 'review/1/ocr'),
      ev(2, 'node.started', 'review/2/ocr'),
    ]);
    const byNode = statesByGraphNode(state);
    expect(byNode['review/ocr']).toMatchObject({ status: 'running', path: 'review/2/ocr', instances: 2 });
  });

  it('reads the server wire format: SSE event name and CloudEvent data', () => {
    const data = JSON.stringify({
      specversion: '1.0',
      id: 'ex_1:7',
      type: 'io.aispine.node.completed',
      subject: 'fetch',
      data: { seq: 7, attempt: 1, output: { ok: true } },
    });
    expect(parseStreamMessage('node.completed', data)).toEqual({
      seq: 7,
      type: 'node.completed',
      node: 'fetch',
      attempt: 1,
      data: { seq: 7, attempt: 1, output: { ok: true } },
    });
    expect(parseStreamMessage('node.completed', 'not json')).toBeUndefined();
  });
});
