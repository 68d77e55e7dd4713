/** The parts of event streams that need no server: SSE parsing, CloudEvent reading, backoff. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReconnectPolicy, StreamEvent } from "../src/index.js";
import { LineSplitter, SseParser } from "../src/sse.js";

describe("SSE parsing", () => {
  it("parses multi-line data, comments, retry and every line ending, across chunks", () => {
    const splitter = new LineSplitter();
    const parser = new SseParser();
    const chunks = ["\uFEFF: hello\nretry: 1500\r", "\nid: 7\revent: node.completed\n", 'data: {"a":\ndata: 1}\n\ndata: no id\r\n\r\n'];
    const messages = chunks.flatMap((c) => splitter.push(c)).map((l) => parser.line(l)).filter((m) => m !== null);
    assert.equal(parser.retryMs, 1500);
    assert.deepEqual(messages.map((m) => m!.id), ["7", "7"]);
    assert.deepEqual(messages.map((m) => m!.event), ["node.completed", "message"]);
    assert.equal(messages[0]!.data, '{"a":\n1}');
  });

  it("reads a CloudEvent and knows a terminal one", () => {
    const cloud = { id: "ex_1:5", source: "/executions/ex_1", type: "io.aispine.execution.failed", time: "2026-11-22T05:05:46.123Z", data: { seq: 5 } };
    const event = StreamEvent.parse("5", "message", JSON.stringify(cloud));
    assert.deepEqual([event.type, event.executionId, event.seq, event.terminal, event.executionStatus], ["execution.failed", "ex_1", 5, true, "failed"]);
    assert.equal(StreamEvent.parse("9", "note", "plain text").json, "plain text");
  });

  it("backs off from the first delay, doubling up to the maximum", () => {
    const policy = new ReconnectPolicy(250, 5000, 300_000);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => policy.delay(n)), [250, 500, 1000, 2000, 4000, 5000, 5000]);
    assert.equal(policy.delay(1, 1500), 1500);
    assert.throws(() => new ReconnectPolicy(10_000, 5000, 1), /initialDelayMs <= maxDelayMs/);
  });
});
