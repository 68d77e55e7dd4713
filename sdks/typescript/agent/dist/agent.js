import { readFileSync } from "node:fs";
import { AgentError, DeadlineExceededError } from "./errors.js";
import { IdempotencyCache } from "./idempotency.js";
import { manifest, readManifest } from "./manifest.js";
export const SECRET_ENV = "AISPINE_AGENT_SECRET";
export const PORT_ENV = "AISPINE_AGENT_PORT";
export const HOST_ENV = "AISPINE_AGENT_HOST";
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = "127.0.0.1";
/** An output with the resources used to make it; return it instead of the bare output. */
export class Result {
    output;
    usage;
    constructor(output, usage = {}) {
        this.output = output;
        this.usage = usage;
    }
    /** The contract's `usage` object. */
    wireUsage() {
        return {
            model: this.usage.model ?? null,
            input_tokens: this.usage.inputTokens ?? 0,
            output_tokens: this.usage.outputTokens ?? 0,
            cost_usd: this.usage.costUsd ?? 0,
        };
    }
}
/** The handler threw something other than an agent error: a 500 problem. */
export class Crash extends Error {
}
/** The answer when the caller's timeout passed: the retryable `TIMEOUT`, as the Java server says it. */
export function timeoutAnswer(name, timeoutMs) {
    return { status: "error", error: new DeadlineExceededError(`${name} did not finish within ${timeoutMs} ms`).toWire() };
}
/**
 * Builds and serves an HTTP agent: `POST /execute` with signature checks and idempotency,
 * `GET /health` and `GET /manifest`.
 *
 * ```js
 * const agent = Agent.fromManifest(new URL("./agent.json", import.meta.url))
 *   .handle((request) => ({ greeting: `Hello ${request.input.name}` }));
 * const server = await agent.start();
 * ```
 */
export class Agent {
    manifest;
    handler = null;
    cache = new IdempotencyCache();
    /** An agent with this manifest (name and version at least; the Java SDK's defaults for the rest). */
    constructor(fields) {
        this.manifest = manifest(fields);
    }
    /** The agent described by the JSON manifest file at `path` (a path, or a `file:` URL). */
    static fromManifest(path) {
        return new Agent(readManifest(path, readFileSync));
    }
    get name() {
        return this.manifest.name;
    }
    get version() {
        return this.manifest.version;
    }
    /** Sets what the agent does; `handler` may be async. */
    handle(handler) {
        if (typeof handler !== "function") {
            throw new TypeError("the handler must be a function of one request");
        }
        this.handler = handler;
        return this;
    }
    /** Keeps answers per idempotency key for `ttlMs` (default 24 h), at most `maxKeys` (10,000). */
    idempotency(ttlMs, maxKeys, clock) {
        this.cache = new IdempotencyCache(ttlMs, maxKeys, clock);
        return this;
    }
    /**
     * Starts serving and resolves to the running {@link AgentServer}.
     *
     * `port`: default `$AISPINE_AGENT_PORT`, else 8080; 0 picks a free one. `host`: default
     * `$AISPINE_AGENT_HOST`, else 127.0.0.1 (this machine only). `secret`: default
     * `$AISPINE_AGENT_SECRET`; null accepts unsigned calls (a warning is logged); an array accepts
     * any of several secrets while one is being rotated.
     */
    async start(options = {}) {
        if (this.handler === null) {
            throw new Error(`agent ${this.name} has no handler; call handle(request => output) first`);
        }
        const { startServer } = await import("./server.js");
        return startServer(this, options);
    }
    /**
     * The contract answer for `request`, at most one run per idempotency key; rejects with
     * {@link Crash} when the handler fails with something other than an agent error.
     */
    execute(request) {
        const key = request.idempotencyKey;
        const stored = this.cache.lookup(key);
        if (stored !== undefined) {
            return stored;
        }
        const answer = this.run(request);
        this.cache.store(key, answer);
        answer.then((a) => {
            if (a.status === "error" && a.error.retryable) {
                this.cache.forget(key, answer);
            }
        }, () => this.cache.forget(key, answer));
        return answer;
    }
    async run(request) {
        try {
            const returned = await this.handler(request);
            if (returned instanceof Result) {
                return { status: "success", output: returned.output, usage: returned.wireUsage() };
            }
            return { status: "success", output: returned, usage: new Result(null).wireUsage() };
        }
        catch (e) {
            if (e instanceof AgentError) {
                return { status: "error", error: e.toWire() };
            }
            if (request.signal.aborted) {
                // Whatever the handler threw once its signal was aborted, the cause is the deadline.
                return timeoutAnswer(this.name, request.timeoutMs);
            }
            console.error(`agent ${this.name} failed on call ${request.idempotencyKey}:`, e);
            const kind = e?.constructor?.name ?? typeof e;
            throw new Crash(`${this.name} failed unexpectedly (${kind}); see the agent server's log`);
        }
    }
}
