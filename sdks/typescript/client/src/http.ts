/** HTTP with the bearer token, turning every failure into an error that names the server, the
 * request and what went wrong. */
import { AispineApiError, AispineConnectionError, type FieldError, type Problem } from "./errors.js";
import type { Operation } from "./operations.js";
import { Wire } from "./wire.js";

const USER_AGENT = "aispine-typescript-sdk";
const EXCERPT = 200;

/** Query values: absent ones (undefined or null) are left out; arrays repeat the parameter. */
export type Query = Record<string, string | number | string[] | null | undefined>;

/** Sends the operations of `OPERATIONS` to one server. */
export class Transport {
  readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string | undefined,
    private readonly timeoutMs: number,
  ) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TypeError(`the server URL must look like http://host:port, got '${baseUrl}'`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError(`the server URL must look like http://host:port, got '${baseUrl}'`);
    }
    this.base = `${url.protocol}//${url.host}`;
  }

  /** Sends `op`; returns the status and the answer read with `op.answer`. */
  async call<T>(op: Operation<T>, params: Record<string, string> = {}, query: Query = {}, body?: unknown): Promise<{ status: number; answer: T }> {
    const path = this.path(op, params, query);
    const headers = this.headers();
    let payload: string | undefined;
    if (op.contentType) {
      headers["Content-Type"] = op.contentType;
      payload = typeof body === "string" ? body : JSON.stringify(body ?? {});
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.base + path, {
        method: op.method,
        headers,
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (e) {
      throw this.connectionError(op.method, path, e);
    }
    if (response.status < 200 || response.status >= 300) throw this.problem(op.method, path, response.status, text);
    let json: unknown;
    try {
      json = text.trim() ? JSON.parse(text) : null;
    } catch {
      throw AispineApiError.of(op.method, path, {
        type: "urn:aispine:problem:bad-response",
        title: "Unreadable answer",
        status: 502,
        detail: `the server's answer is not JSON: ${excerpt(text)}`,
        instance: path,
        errors: [],
      });
    }
    return { status: response.status, answer: op.answer ? Wire.read(op.answer, json) : (json as T) };
  }

  /** Opens an event stream; the caller reads its body and aborts `signal` to close it. */
  async openStream(op: Operation, params: Record<string, string>, lastEventId: string | null, signal: AbortSignal): Promise<Response> {
    const path = this.path(op, params, {});
    const headers = this.headers();
    headers["Accept"] = "text/event-stream";
    headers["Cache-Control"] = "no-cache";
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    const response = await fetch(this.base + path, { headers, signal, redirect: "manual" });
    if (response.status !== 200) {
      const text = await response.text().catch(() => "");
      throw this.problem("GET", path, response.status, text);
    }
    return response;
  }

  /** The operation's path with its parameters percent-encoded, and its query string. */
  path(op: Operation, params: Record<string, string>, query: Query): string {
    let path = op.path;
    for (const [name, value] of Object.entries(params)) {
      if (!value) throw new TypeError(`${name} is required for ${op.method} ${op.path}`);
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (!op.query?.includes(name)) throw new TypeError(`${op.method} ${op.path} takes no query parameter '${name}'`);
      if (value === undefined || value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
    }
    const qs = search.toString();
    return qs ? `${path}?${qs}` : path;
  }

  /** The typed error for an error answer, from its problem+json or its raw text. */
  problem(method: string, path: string, status: number, text: string): AispineApiError {
    let json: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = text.trim() ? JSON.parse(text) : null;
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      // not JSON: quote it below
    }
    let problem: Problem;
    if (json && ("title" in json || "type" in json)) {
      const str = (v: unknown) => (typeof v === "string" ? v : null);
      const int = (v: unknown) => (typeof v === "number" ? v : null);
      const errors: FieldError[] = (Array.isArray(json.errors) ? json.errors : [])
        .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
        .map((e) => ({ pointer: str(e.pointer), parameter: str(e.parameter), line: int(e.line), column: int(e.column), detail: str(e.detail) }));
      // The HTTP status wins over a missing or wrong one in the body.
      problem = { type: str(json.type), title: str(json.title), status, detail: str(json.detail), instance: str(json.instance), errors };
    } else {
      problem = { type: "about:blank", title: `HTTP ${status}`, status, detail: text.trim() ? excerpt(text) : null, instance: path, errors: [] };
    }
    return AispineApiError.of(method, path, problem);
  }

  /** A connection failure worded so that it says what to check. */
  connectionError(method: string, path: string, e: unknown): AispineConnectionError {
    const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const code = err.cause?.code;
    let text: string;
    if (code === "ECONNREFUSED") text = `cannot reach ${this.base}: connection refused`;
    else if (code === "ENOTFOUND" || code === "EAI_AGAIN") text = `cannot reach ${this.base}: unknown host '${new URL(this.base).hostname}'`;
    else if (err.name === "TimeoutError") text = `${this.base} did not answer ${method} ${path} within ${this.timeoutMs / 1000} s`;
    else text = `lost the connection to ${this.base} during ${method} ${path}: ${err.cause?.message ?? err.message ?? String(e)}`;
    return new AispineConnectionError(text, { cause: e });
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { "User-Agent": USER_AGENT, Accept: "application/json, application/problem+json" };
    if (this.token) headers["Authorization"] = `Bearer ${this.token}`;
    return headers;
  }
}

function excerpt(text: string): string {
  const flat = text.trim().replace(/\s+/g, " ");
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT)}…`;
}
