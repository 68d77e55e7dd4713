import { type WireError } from "./errors.js";
import { type Manifest } from "./manifest.js";
import type { AgentServer, StartOptions } from "./server.js";
export declare const SECRET_ENV = "AISPINE_AGENT_SECRET";
export declare const PORT_ENV = "AISPINE_AGENT_PORT";
export declare const HOST_ENV = "AISPINE_AGENT_HOST";
export declare const DEFAULT_PORT = 8080;
export declare const DEFAULT_HOST = "127.0.0.1";
/** One call of the agent, as the handler sees it. */
export interface AgentRequest {
    /** The call's input object (the node's resolved `with:`). */
    input: Record<string, unknown>;
    /** The requested action, or null for the default. */
    action: string | null;
    /** The same on every redelivery of this attempt: do side effects once per key. */
    idempotencyKey: string;
    executionId: string;
    node: string;
    attempt: number;
    /** Execution context: flow id, `traceparent` … */
    context: Record<string, unknown>;
    /** `AISpine-Timeout-Ms`: how long AI Spine waits for the answer, null when it did not say. */
    timeoutMs: number | null;
    /** Aborted when the deadline passes and nobody reads the answer any more: pass it to `fetch`. */
    signal: AbortSignal;
}
/** The resources a call used, reported so that AI Spine accounts tokens and cost. */
export interface Usage {
    model?: string | null;
    inputTokens?: number;
    outputTokens?: number;
    costUsd?: number;
}
/** The contract's `usage` object. */
export interface WireUsage {
    model: string | null;
    input_tokens: number;
    output_tokens: number;
    cost_usd: number;
}
/** An output with the resources used to make it; return it instead of the bare output. */
export declare class Result {
    readonly output: unknown;
    readonly usage: Usage;
    constructor(output: unknown, usage?: Usage);
    /** The contract's `usage` object. */
    wireUsage(): WireUsage;
}
/** What the agent does with one call: its output (any JSON value), or a {@link Result}. */
export type Handler = (request: AgentRequest) => unknown;
/** The answer to `POST /execute`. */
export type Answer = {
    status: "success";
    output?: unknown;
    usage: WireUsage;
} | {
    status: "error";
    error: WireError;
};
/** The handler threw something other than an agent error: a 500 problem. */
export declare class Crash extends Error {
}
/** The answer when the caller's timeout passed: the retryable `TIMEOUT`, as the Java server says it. */
export declare function timeoutAnswer(name: string, timeoutMs: number | null): Answer;
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
export declare class Agent {
    readonly manifest: Manifest;
    private handler;
    private cache;
    /** An agent with this manifest (name and version at least; the Java SDK's defaults for the rest). */
    constructor(fields: Partial<Manifest> & {
        name: string;
        version: string;
    });
    /** The agent described by the JSON manifest file at `path` (a path, or a `file:` URL). */
    static fromManifest(path: string | URL): Agent;
    get name(): string;
    get version(): string;
    /** Sets what the agent does; `handler` may be async. */
    handle(handler: Handler): this;
    /** Keeps answers per idempotency key for `ttlMs` (default 24 h), at most `maxKeys` (10,000). */
    idempotency(ttlMs: number, maxKeys: number, clock?: () => number): this;
    /**
     * Starts serving and resolves to the running {@link AgentServer}.
     *
     * `port`: default `$AISPINE_AGENT_PORT`, else 8080; 0 picks a free one. `host`: default
     * `$AISPINE_AGENT_HOST`, else 127.0.0.1 (this machine only). `secret`: default
     * `$AISPINE_AGENT_SECRET`; null accepts unsigned calls (a warning is logged); an array accepts
     * any of several secrets while one is being rotated.
     */
    start(options?: StartOptions): Promise<AgentServer>;
    /**
     * The contract answer for `request`, at most one run per idempotency key; rejects with
     * {@link Crash} when the handler fails with something other than an agent error.
     */
    execute(request: AgentRequest): Promise<Answer>;
    private run;
}
