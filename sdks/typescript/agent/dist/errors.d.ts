/** A failure the agent recognises, answered as `{"status": "error", "error": {...}}`. */
export declare class AgentError extends Error {
    readonly code: string;
    readonly retryable: boolean;
    constructor(code: string, message: string, retryable: boolean);
    /** The contract's `error` object. */
    toWire(): WireError;
}
/** The `error` object of a failed answer. */
export interface WireError {
    code: string;
    message: string;
    retryable: boolean;
}
/** Another attempt may succeed: an upstream timed out, you are throttled. */
export declare class RetryableError extends AgentError {
    constructor(code: string, message: string);
}
/** Another attempt will fail the same way: bad input, a document that is not a passport. */
export declare class PermanentError extends AgentError {
    constructor(code: string, message: string);
}
/** The input breaks the agent's rules: the permanent error `INVALID_INPUT`. */
export declare class InvalidInputError extends PermanentError {
    constructor(message: string);
}
/** The caller's `AISpine-Timeout-Ms` passed: the retryable error `TIMEOUT`. */
export declare class DeadlineExceededError extends RetryableError {
    constructor(message?: string);
}
