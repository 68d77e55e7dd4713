/** Live event streams that resume by themselves after a dropped connection. */
import { AispineApiError, AispineConnectionError } from "./errors.js";
import type { Transport } from "./http.js";
import type { ExecutionStatus } from "./models.js";
import type { Operation } from "./operations.js";
import { LineSplitter, SseParser } from "./sse.js";

const TYPE_PREFIX = "io.aispine.";
const TERMINAL: Record<string, ExecutionStatus> = {
  "execution.completed": "succeeded",
  "execution.failed": "failed",
  "execution.cancelled": "cancelled",
};
const TRANSIENT = new Set([429, 502, 503, 504]);

/**
 * How a stream reconnects after a drop: `initialDelayMs`, doubling up to `maxDelayMs` (minus up to
 * a quarter of jitter), until the server has been unreachable for `giveUpAfterMs`.
 */
export class ReconnectPolicy {
  /** 250 ms doubling up to 5 s, giving up after 5 minutes without a connection. */
  static readonly DEFAULT = new ReconnectPolicy(250, 5000, 300_000);

  constructor(
    readonly initialDelayMs: number,
    readonly maxDelayMs: number,
    readonly giveUpAfterMs: number,
  ) {
    if (!(initialDelayMs > 0 && initialDelayMs <= maxDelayMs)) {
      throw new RangeError(`need 0 < initialDelayMs <= maxDelayMs, got ${initialDelayMs} and ${maxDelayMs}`);
    }
  }

  /** The delay after `failures` consecutive failed attempts (1 for the first), before jitter;
   * `firstMs` (the server's `retry:`) replaces the initial delay. */
  delay(failures: number, firstMs: number | null = null): number {
    const base = firstMs ?? this.initialDelayMs;
    return Math.min(Math.max(this.maxDelayMs, base), base * 2 ** Math.min(Math.max(failures - 1, 0), 20));
  }
}

/** One live event; `json` is the CloudEvent exactly as received. */
export class StreamEvent {
  constructor(
    /** The stream id, usable as `Last-Event-ID`. */
    readonly id: string | null,
    /** The type, such as `node.completed`. */
    readonly type: string,
    readonly executionId: string | null,
    readonly node: string | null,
    readonly seq: number | null,
    readonly attempt: number | null,
    readonly time: Date | null,
    readonly data: Record<string, unknown>,
    readonly json: string,
  ) {}

  /** True for the event that ends an execution: completed, failed or cancelled. */
  get terminal(): boolean {
    return this.type in TERMINAL;
  }

  /** The status a terminal event means, else `running`. */
  get executionStatus(): ExecutionStatus {
    return TERMINAL[this.type] ?? "running";
  }

  /** Reads one SSE message whose data is a CloudEvent; other data is delivered as it came. */
  static parse(id: string | null, event: string, data: string): StreamEvent {
    let cloud: unknown;
    try {
      cloud = JSON.parse(data);
    } catch {
      cloud = null;
    }
    if (!cloud || typeof cloud !== "object" || Array.isArray(cloud)) {
      return new StreamEvent(id, event, null, null, null, null, null, {}, data);
    }
    const c = cloud as Record<string, unknown>;
    const payload = c.data && typeof c.data === "object" ? (c.data as Record<string, unknown>) : {};
    const cloudType = typeof c.type === "string" ? c.type : "";
    const type = event && event !== "message" ? event : cloudType.startsWith(TYPE_PREFIX) ? cloudType.slice(TYPE_PREFIX.length) : cloudType;
    const source = typeof c.source === "string" ? c.source : "";
    const execution = source.startsWith("/executions/")
      ? source.slice("/executions/".length).split("/")[0]!
      : typeof payload.execution_id === "string" ? payload.execution_id : null;
    const time = typeof c.time === "string" ? new Date(c.time) : null;
    const num = (v: unknown) => (typeof v === "number" ? v : null);
    return new StreamEvent(id, type, execution, typeof c.subject === "string" ? c.subject : null, num(payload.seq), num(payload.attempt), time, payload, data);
  }
}

/**
 * A live subscription to a server-sent event stream, read with `for await`. Each event comes
 * once, in order; when the connection drops (a network blip, a server restart, `idleTimeoutMs` of
 * silence) the stream reconnects with `Last-Event-ID` and goes on after the last event it
 * delivered. An execution's stream ends after its terminal event; the global one on `close()`.
 * The first connection fails at once with `AispineConnectionError` when the server cannot be
 * reached; a refusal such as 401 or 404 throws its `AispineApiError`; 429, 502, 503 and 504 are
 * retried.
 */
export class EventStream implements AsyncIterable<StreamEvent> {
  /** The id of the last event delivered: pass it to a new stream to resume after it. */
  lastEventId: string | null;
  /** How many times the stream reconnected after a dropped connection. */
  reconnects = 0;
  private closed = false;
  private connection: AbortController | null = null;
  private wake: (() => void) | null = null;
  private started = false;

  constructor(
    private readonly transport: Transport,
    private readonly op: Operation,
    private readonly params: Record<string, string>,
    lastEventId: string | null,
    private readonly endsAtTerminalEvent: boolean,
    private readonly policy: ReconnectPolicy,
    private readonly idleTimeoutMs: number,
  ) {
    this.lastEventId = lastEventId;
  }

  /** Stops the stream: a pending read ends at once and iteration finishes. */
  close(): void {
    this.closed = true;
    this.connection?.abort();
    this.wake?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.started) throw new Error("an EventStream is read once; open another to read again");
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<StreamEvent> {
    let failures = 0;
    let downSince: number | null = null;
    let everConnected = false;
    let serverRetry: number | null = null;
    const path = this.transport.path(this.op, this.params, {});
    while (!this.closed) {
      const parser = new SseParser(this.lastEventId);
      const connection = new AbortController();
      this.connection = connection;
      let idle: NodeJS.Timeout | undefined;
      const resetIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => connection.abort(), this.idleTimeoutMs);
      };
      try {
        resetIdle();
        const response = await this.transport.openStream(this.op, this.params, this.lastEventId, connection.signal);
        everConnected = true;
        const decoder = new TextDecoder();
        const lines = new LineSplitter();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          resetIdle();
          for (const line of lines.push(decoder.decode(chunk, { stream: true }))) {
            const message = parser.line(line);
            if (!message) continue;
            const event = StreamEvent.parse(message.id, message.event, message.data);
            this.lastEventId = message.id;
            failures = 0; // the connection works again
            downSince = null;
            clearTimeout(idle);
            yield event;
            if (this.endsAtTerminalEvent && event.terminal) return;
            if (this.closed) return;
            resetIdle();
          }
        }
      } catch (e) {
        if (e instanceof AispineApiError) {
          if (!TRANSIENT.has(e.status)) throw e;
        } else if (this.closed) {
          return;
        } else if (!everConnected) {
          throw this.transport.connectionError("GET", path, e);
        }
      } finally {
        clearTimeout(idle);
        connection.abort(); // frees the socket when the consumer stopped early
        this.connection = null;
        if (parser.retryMs !== null) serverRetry = parser.retryMs;
      }
      if (this.closed) return;
      const now = Date.now();
      if (downSince === null) downSince = now;
      else if (now - downSince > this.policy.giveUpAfterMs) {
        throw new AispineConnectionError(
          `lost the event stream ${path} of ${this.transport.base} for over ${this.policy.giveUpAfterMs / 1000} s; ` +
            `resume with Last-Event-ID ${this.lastEventId}`,
        );
      }
      failures++;
      const delay = this.policy.delay(failures, serverRetry);
      // Up to a quarter less, so that the clients of a restarted server do not return in step.
      await this.sleep(delay - Math.random() * (delay / 4));
      if (this.closed) return;
      this.reconnects++;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
