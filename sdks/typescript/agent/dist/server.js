import { createServer } from "node:http";
import { Crash, DEFAULT_HOST, DEFAULT_PORT, HOST_ENV, PORT_ENV, SECRET_ENV, timeoutAnswer, } from "./agent.js";
import { DeadlineExceededError } from "./errors.js";
import { InvalidSignatureError, SIGNATURE, SIGNATURE_ID, SIGNATURE_TIMESTAMP, SignatureVerifier } from "./signature.js";
import * as wire from "./wire.js";
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
const SERVES = "an agent serves GET /health and POST /execute";
/** A running agent server: {@link close} stops it, {@link wait} serves until SIGTERM or Ctrl-C. */
export class AgentServer {
    http;
    host;
    port;
    closing = false;
    constructor(http, host, port) {
        this.http = http;
        this.host = host;
        this.port = port;
    }
    /** The base URL, such as `http://127.0.0.1:8080`. */
    get url() {
        return `http://${this.host.includes(":") ? `[${this.host}]` : this.host}:${this.port}`;
    }
    get isClosing() {
        return this.closing;
    }
    /** Stops serving; calls in flight are cut off. */
    close() {
        this.closing = true;
        return new Promise((resolve) => {
            this.http.close(() => resolve());
            this.http.closeAllConnections();
        });
    }
    /** Serves until SIGTERM or SIGINT (Ctrl-C), then closes. */
    wait() {
        return new Promise((resolve) => {
            const stop = () => {
                process.off("SIGTERM", stop);
                process.off("SIGINT", stop);
                this.close().then(resolve);
            };
            process.on("SIGTERM", stop);
            process.on("SIGINT", stop);
        });
    }
}
/** Starts serving `agent` over HTTP per the agent contract. */
export async function startServer(agent, options) {
    const host = options.host || process.env[HOST_ENV]?.trim() || DEFAULT_HOST;
    const port = options.port ?? envPort();
    const given = options.secret === undefined ? process.env[SECRET_ENV] ?? null : options.secret;
    const secrets = (typeof given === "string" ? [given] : given ?? []).map((s) => s.trim()).filter((s) => s !== "");
    const verifier = secrets.length > 0 ? new SignatureVerifier(secrets) : null;
    let running = null;
    const http = createServer((req, res) => {
        route(agent, verifier, running, req, res).catch((e) => {
            console.error(`unexpected failure serving ${req.method} ${req.url}:`, e);
            send(res, 500, wire.internal("the agent server failed unexpectedly; see its log").body, wire.PROBLEM_MEDIA_TYPE);
        });
    });
    // Keep-alive connections outlive a caller's idle pool: close them after the caller would.
    http.keepAliveTimeout = 65_000;
    await new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen({ port, host, backlog: 511 }, () => {
            http.off("error", reject);
            resolve();
        });
    });
    running = new AgentServer(http, host, http.address().port);
    if (verifier === null) {
        console.warn(`agent ${agent.name} accepts unsigned requests on port ${running.port}`);
    }
    return running;
}
function envPort() {
    const text = process.env[PORT_ENV]?.trim() ?? "";
    if (text === "") {
        return DEFAULT_PORT;
    }
    if (!/^\d+$/.test(text) || Number(text) > 65535) {
        throw new RangeError(`$${PORT_ENV} must be a TCP port (0-65535), got '${text}'`);
    }
    return Number(text);
}
async function route(agent, verifier, server, req, res) {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?", 1)[0];
    try {
        if (path === "/execute" && method === "POST") {
            const body = await readBody(req, res);
            const answer = await execute(agent, verifier, server, req, body);
            send(res, 200, encodeAnswer(answer));
            return;
        }
        req.resume(); // Drain what the caller sent, so the connection can carry the next request.
        if (path === "/health" && method === "GET") {
            send(res, 200, { status: "ok", name: agent.name, version: agent.version });
        }
        else if (path === "/manifest" && method === "GET") {
            send(res, 200, agent.manifest);
        }
        else if (path === "/health" || path === "/manifest" || path === "/execute") {
            throw wire.methodNotAllowed(`${method} ${path} is not allowed; ${SERVES}`);
        }
        else {
            throw wire.notFound(`no such endpoint: ${method} ${path}; ${SERVES}`);
        }
    }
    catch (e) {
        if (!(e instanceof wire.Problem)) {
            throw e;
        }
        send(res, e.status, e.body, wire.PROBLEM_MEDIA_TYPE);
    }
}
function readBody(req, res) {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > wire.DRAIN_LIMIT_BYTES) {
        res.setHeader("Connection", "close"); // The body stays unread: the connection cannot go on.
        return Promise.reject(wire.tooLarge());
    }
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let over = false;
        // A body over the limit is read on (up to the drain limit) before the 413, so that the caller
        // gets the answer instead of a broken pipe while it is still writing.
        req.on("data", (chunk) => {
            size += chunk.length;
            if (size > wire.DRAIN_LIMIT_BYTES) {
                res.setHeader("Connection", "close");
                req.destroy();
                reject(wire.tooLarge());
            }
            else if (size > wire.MAX_BODY_BYTES) {
                over = true;
            }
            else {
                chunks.push(chunk);
            }
        });
        req.on("end", () => {
            if (over) {
                res.setHeader("Connection", "close");
                reject(wire.tooLarge());
            }
            else {
                resolve(Buffer.concat(chunks));
            }
        });
        req.on("error", reject);
    });
}
async function execute(agent, verifier, server, req, body) {
    if (server.isClosing) {
        throw wire.unavailable("the agent server is shutting down");
    }
    if (verifier !== null) {
        try {
            verifier.verify(header(req, SIGNATURE_ID), header(req, SIGNATURE_TIMESTAMP), header(req, SIGNATURE), body);
        }
        catch (e) {
            if (e instanceof InvalidSignatureError) {
                // The messages name headers and clock skew, never a secret or an expected value.
                throw wire.unauthorized(e.message);
            }
            throw e;
        }
    }
    const fields = wire.parseExecute(body);
    const timeoutMs = wire.timeoutMs(header(req, "AISpine-Timeout-Ms"));
    const traceparent = header(req, "traceparent");
    if (traceparent !== undefined && TRACEPARENT.test(traceparent) && !("traceparent" in fields.context)) {
        fields.context.traceparent = traceparent;
    }
    const deadline = new AbortController();
    const request = { ...fields, timeoutMs, signal: deadline.signal };
    let timer;
    const expired = new Promise((resolve) => {
        if (timeoutMs !== null) {
            timer = setTimeout(() => {
                deadline.abort(new DeadlineExceededError(`the deadline of ${timeoutMs} ms passed`));
                resolve(timeoutAnswer(agent.name, timeoutMs));
            }, timeoutMs);
        }
    });
    try {
        return await Promise.race([agent.execute(request), expired]);
    }
    catch (e) {
        if (e instanceof Crash) {
            throw wire.internal(e.message);
        }
        throw e;
    }
    finally {
        clearTimeout(timer);
    }
}
function header(req, name) {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
}
function encodeAnswer(answer) {
    if (answer.status === "success" && (answer.output === null || answer.output === undefined)) {
        const { output: _absent, ...rest } = answer; // Absent means null, as in Java.
        return rest;
    }
    return answer;
}
function send(res, status, body, mediaType = "application/json") {
    let bytes;
    try {
        bytes = Buffer.from(JSON.stringify(body), "utf8");
    }
    catch (e) {
        // An output that is not JSON is the agent's bug; say so in the contract's own terms.
        const error = { code: "AGENT_PROTOCOL", message: `the agent's output cannot be written as JSON: ${e.message}`, retryable: false };
        bytes = Buffer.from(JSON.stringify({ status: "error", error }), "utf8");
    }
    res.writeHead(status, { "Content-Type": mediaType, "Content-Length": bytes.length });
    res.end(bytes);
}
