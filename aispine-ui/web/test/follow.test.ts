import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { follow, type SseMessage } from '../src/state/sse';

let close: () => void = () => {};
afterEach(() => close());

describe('following an event stream', () => {
  it('reconnects after a drop with Last-Event-ID and stops once the stream has said everything', async () => {
    const requests: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      requests.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (requests.length === 1) {
        // the first connection drops after one event
        res.end(': connected\n\nid: 1\nevent: node.started\ndata: {"data":{"seq":1}}\n\n');
      } else {
        res.end('id: 2\nevent: execution.completed\ndata: {"data":{"seq":2}}\n\n');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.close();
    const port = (server.address() as AddressInfo).port;

    const messages: SseMessage[] = [];
    let ended = false;
    const done = new Promise<void>((resolve) => {
      follow({
        url: `http://127.0.0.1:${port}/api/v1/executions/ex_1/stream`,
        headers: { Authorization: 'Bearer ask_test' },
        retryMs: 10,
        onMessage: (m) => {
          messages.push(m);
          if (m.event === 'execution.completed') {
            ended = true;
          }
        },
        onConnected: (connected) => {
          if (!connected && ended) {
            resolve();
          }
        },
        finished: () => ended,
      });
    });
    await done;

    expect(messages.map((m) => m.event)).toEqual(['node.started', 'execution.completed']);
    expect(requests).toHaveLength(2);
    expect(requests[0]['last-event-id']).toBeUndefined();
    expect(requests[1]['last-event-id']).toBe('1');
    expect(requests[1].authorization).toBe('Bearer ask_test');
    expect(requests[1].accept).toBe('text/event-stream');
  });
});
