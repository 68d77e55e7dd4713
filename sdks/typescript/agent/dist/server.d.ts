import { type Server } from "node:http";
import { type Agent } from "./agent.js";
/** How to serve an agent; every field has a default (see {@link Agent.start}). */
export interface StartOptions {
    port?: number;
    host?: string;
    secret?: string | string[] | null;
}
/** A running agent server: {@link close} stops it, {@link wait} serves until SIGTERM or Ctrl-C. */
export declare class AgentServer {
    private readonly http;
    readonly host: string;
    readonly port: number;
    private closing;
    constructor(http: Server, host: string, port: number);
    /** The base URL, such as `http://127.0.0.1:8080`. */
    get url(): string;
    get isClosing(): boolean;
    /** Stops serving; calls in flight are cut off. */
    close(): Promise<void>;
    /** Serves until SIGTERM or SIGINT (Ctrl-C), then closes. */
    wait(): Promise<void>;
}
/** Starts serving `agent` over HTTP per the agent contract. */
export declare function startServer(agent: Agent, options: StartOptions): Promise<AgentServer>;
