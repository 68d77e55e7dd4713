/** A failure the agent recognises, answered as `{"status": "error", "error": {...}}`. */
export class AgentError extends Error {
    code;
    retryable;
    constructor(code, message, retryable) {
        super(message);
        if (typeof code !== "string" || code.trim() === "") {
            throw new TypeError("an agent error needs a non-empty code, like 'NO_RESERVATION'");
        }
        this.name = new.target.name;
        this.code = code;
        this.retryable = retryable;
    }
    /** The contract's `error` object. */
    toWire() {
        return { code: this.code, message: this.message, retryable: this.retryable };
    }
}
/** Another attempt may succeed: an upstream timed out, you are throttled. */
export class RetryableError extends AgentError {
    constructor(code, message) {
        super(code, message, true);
    }
}
/** Another attempt will fail the same way: bad input, a document that is not a passport. */
export class PermanentError extends AgentError {
    constructor(code, message) {
        super(code, message, false);
    }
}
/** The input breaks the agent's rules: the permanent error `INVALID_INPUT`. */
export class InvalidInputError extends PermanentError {
    constructor(message) {
        super("INVALID_INPUT", message);
    }
}
/** The caller's `AISpine-Timeout-Ms` passed: the retryable error `TIMEOUT`. */
export class DeadlineExceededError extends RetryableError {
    constructor(message = "the call's deadline passed") {
        super("TIMEOUT", message);
    }
}
