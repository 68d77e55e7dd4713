/** The JSON of `POST /execute` and of RFC 9457 problems, checked as the Java AgentServer checks it. */
export declare const MAX_BODY_BYTES: number;
/** A body over the limit is still read up to this size before the 413, so the caller gets the answer. */
export declare const DRAIN_LIMIT_BYTES: number;
export declare const PROBLEM_MEDIA_TYPE = "application/problem+json";
/** The body of an RFC 9457 problem answer. */
export interface ProblemBody {
    type: string;
    title: string;
    status: number;
    detail: string;
    pointer?: string;
}
/** An RFC 9457 problem: the answer to a request the agent will not run. */
export declare class Problem extends Error {
    readonly status: number;
    readonly body: ProblemBody;
    constructor(slug: string, title: string, status: number, detail: string, pointer?: string);
}
export declare const badRequest: (detail: string, field?: string) => Problem;
export declare const unauthorized: (detail: string) => Problem;
export declare const notFound: (detail: string) => Problem;
export declare const methodNotAllowed: (detail: string) => Problem;
export declare const tooLarge: () => Problem;
export declare const internal: (detail: string) => Problem;
export declare const unavailable: (detail: string) => Problem;
/** The fields of a valid `POST /execute` body. */
export interface ExecuteFields {
    executionId: string;
    node: string;
    attempt: number;
    idempotencyKey: string;
    action: string | null;
    input: Record<string, unknown>;
    context: Record<string, unknown>;
}
/** The fields of an execute request; throws a 400 {@link Problem} naming the field at fault. */
export declare function parseExecute(body: Buffer): ExecuteFields;
/** The `AISpine-Timeout-Ms` header as milliseconds, null when absent; a 400 when malformed. */
export declare function timeoutMs(header: string | undefined): number | null;
