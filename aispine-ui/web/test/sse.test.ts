import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/state/sse';

describe('SSE parser', () => {
  it('splits messages whatever the pieces, skipping comments', () => {
    const text = ': connected\n\nid: 1\nevent: node.started\ndata: {"a":1}\n\n: keep-alive\n\nid: 2\nevent: node.completed\ndata: {"b":2}\n\n';
    for (const size of [1, 3, 7, text.length]) {
      const parser = new SseParser();
      const messages = [];
      for (let i = 0; i < text.length; i += size) {
        messages.push(...parser.push(text.slice(i, i + size)));
      }
      expect(messages).toEqual([
        { id: '1', event: 'node.started', data: '{"a":1}' },
        { id: '2', event: 'node.completed', data: '{"b":2}' },
      ]);
    }
  });

  it('joins multi-line data and keeps the last id for messages without one', () => {
    const parser = new SseParser();
    const messages = parser.push('id: 5\r\nevent: x\r\ndata: one\r\ndata: two\r\n\r\nevent: node.output.delta\ndata: {}\n\n');
    expect(messages).toEqual([
      { id: '5', event: 'x', data: 'one\ntwo' },
      { id: '5', event: 'node.output.delta', data: '{}' },
    ]);
  });
});
