/** The JSON of `POST /execute` and of RFC 9457 problems, checked as the Java AgentServer checks it. */
export const MAX_BODY_BYTES = 1 << 20;
/** A body over the limit is still read up to this size before the 413, so the caller gets the answer. */
export const DRAIN_LIMIT_BYTES = 8 << 20;
export const PROBLEM_MEDIA_TYPE = "application/problem+json";
const INT_MAX = 2 ** 31 - 1;
/** An RFC 9457 problem: the answer to a request the agent will not run. */
export class Problem extends Error {
    status;
    body;
    constructor(slug, title, status, detail, pointer) {
        super(detail);
        this.status = status;
        this.body = { type: `urn:aispine:problem:${slug}`, title, status, detail };
        if (pointer !== undefined) {
            this.body.pointer = pointer;
        }
    }
}
export const badRequest = (detail, field) => new Problem("invalid-request", "Invalid request", 400, detail, field === undefined ? undefined : `/${field}`);
export const unauthorized = (detail) => new Problem("invalid-signature", "Invalid signature", 401, detail);
export const notFound = (detail) => new Problem("not-found", "Not found", 404, detail);
export const methodNotAllowed = (detail) => new Problem("method-not-allowed", "Method not allowed", 405, detail);
export const tooLarge = () => new Problem("body-too-large", "Request body too large", 413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
export const internal = (detail) => new Problem("internal-error", "Internal error", 500, detail);
export const unavailable = (detail) => new Problem("unavailable", "Service unavailable", 503, detail);
/** The fields of an execute request; throws a 400 {@link Problem} naming the field at fault. */
export function parseExecute(body) {
    const text = decodeUtf8(body);
    if (text.trim() === "") {
        throw badRequest("the body is empty; send the call as a JSON object");
    }
    let root;
    try {
        root = JSON.parse(text);
    }
    catch (e) {
        throw badRequest(`the body is not valid JSON${where(text, e.message)}: ${e.message}`);
    }
    const duplicate = duplicateKey(text);
    if (duplicate !== null) {
        // A signed body must mean one thing: {"attempt":1,"attempt":2} is rejected, not guessed.
        throw badRequest(`the body is not valid JSON: duplicate field '${duplicate}'`);
    }
    if (!isObject(root)) {
        throw badRequest(`the body must be a JSON object, got ${kind(root)}`, "");
    }
    const context = object(root, "context", false);
    return {
        executionId: textField(root, "execution_id"),
        node: textField(root, "node"),
        attempt: attempt(root, text),
        idempotencyKey: textField(root, "idempotency_key"),
        action: optionalText(root, "action"),
        input: object(root, "input", true),
        context: Object.fromEntries(Object.entries(context).filter(([, v]) => v !== null)),
    };
}
function decodeUtf8(body) {
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(body);
    }
    catch {
        throw badRequest("the body is not valid JSON: it is not UTF-8");
    }
}
function where(text, message) {
    const at = /position (\d+)/.exec(message);
    if (!at) {
        return "";
    }
    const before = text.slice(0, Number(at[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return ` (line ${line}, column ${column})`;
}
/** The first key that an object of valid JSON `text` holds twice, or null. */
function duplicateKey(text) {
    const frames = [];
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const top = frames[frames.length - 1];
        if (c === "{") {
            frames.push({ keys: new Set(), expectKey: true });
        }
        else if (c === "[") {
            frames.push(null);
        }
        else if (c === "}" || c === "]") {
            frames.pop();
        }
        else if (c === "," && top) {
            top.expectKey = true;
        }
        else if (c === '"') {
            let end = i + 1;
            while (text[end] !== '"') {
                end += text[end] === "\\" ? 2 : 1;
            }
            if (top && top.expectKey) {
                const key = JSON.parse(text.slice(i, end + 1));
                if (top.keys.has(key)) {
                    return key;
                }
                top.keys.add(key);
                top.expectKey = false;
            }
            i = end;
        }
    }
    return null;
}
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
function textField(root, field) {
    const value = root[field];
    if (value === undefined || value === null) {
        throw badRequest(`missing required field '${field}' (a non-empty string)`, field);
    }
    if (typeof value !== "string" || value.trim() === "") {
        throw badRequest(`'${field}' must be a non-empty string, got ${kind(value)}`, field);
    }
    return value;
}
function optionalText(root, field) {
    const value = root[field];
    if (value === undefined || value === null) {
        return null;
    }
    if (typeof value !== "string") {
        throw badRequest(`'${field}' must be a string or null, got ${kind(value)}`, field);
    }
    return value;
}
function attempt(root, text) {
    const value = root.attempt;
    if (value === undefined || value === null) {
        throw badRequest("missing required field 'attempt' (an integer >= 1)", "attempt");
    }
    // JSON.parse reads 1.0 and 1e0 as the integer 1; the Java and Python SDKs see a decimal and refuse
    // it, so look at how the number was written.
    if (typeof value === "number" && /[.eE]/.test(topLevelToken(text, "attempt") ?? "")) {
        const shown = Number.isInteger(value) ? value.toFixed(1) : JSON.stringify(value);
        throw badRequest(`'attempt' must be an integer >= 1, got ${shown}`, "attempt");
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > INT_MAX) {
        throw badRequest(`'attempt' must be an integer >= 1, got ${kind(value)}`, "attempt");
    }
    return value;
}
/** The text of the value of {@code key} in the outermost object, for a scalar value; else null. */
function topLevelToken(text, key) {
    let depth = 0;
    let expectKey = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "{" || c === "[") {
            depth++;
            expectKey = c === "{" && depth === 1;
        }
        else if (c === "}" || c === "]") {
            depth--;
        }
        else if (c === "," && depth === 1) {
            expectKey = true;
        }
        else if (c === '"') {
            let end = i + 1;
            while (text[end] !== '"') {
                end += text[end] === "\\" ? 2 : 1;
            }
            if (depth === 1 && expectKey) {
                expectKey = false;
                if (JSON.parse(text.slice(i, end + 1)) === key) {
                    const value = /^\s*:\s*([^,}\s]+)/.exec(text.slice(end + 1));
                    return value ? value[1] : null;
                }
            }
            i = end;
        }
    }
    return null;
}
function object(root, field, required) {
    const value = root[field];
    if (value === undefined || value === null) {
        if (required) {
            throw badRequest(`missing required field '${field}' (a JSON object)`, field);
        }
        return {};
    }
    if (!isObject(value)) {
        throw badRequest(`'${field}' must be a JSON object, got ${kind(value)}`, field);
    }
    return value;
}
/** How a value reads in a message: its JSON type, and short scalars themselves. */
function kind(value) {
    if (Array.isArray(value))
        return "an array";
    if (value === null)
        return "null";
    if (typeof value === "object")
        return "an object";
    if (typeof value === "string")
        return value.length <= 40 ? `"${value}"` : "a string";
    return JSON.stringify(value);
}
/** The `AISpine-Timeout-Ms` header as milliseconds, null when absent; a 400 when malformed. */
export function timeoutMs(header) {
    if (header === undefined || header.trim() === "") {
        return null;
    }
    const text = header.trim();
    if (/^\+?\d+$/.test(text) && Number(text) > 0) {
        return Number(text);
    }
    throw badRequest("header AISpine-Timeout-Ms must be a whole number of milliseconds > 0");
}
