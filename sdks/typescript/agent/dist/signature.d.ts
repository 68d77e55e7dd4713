export declare const SIGNATURE_ID = "AISpine-Id";
export declare const SIGNATURE_TIMESTAMP = "AISpine-Timestamp";
export declare const SIGNATURE = "AISpine-Signature";
/** A request whose signature is missing, stale or does not match; the message says which. */
export declare class InvalidSignatureError extends Error {
    constructor(message: string);
}
/** The `AISpine-Signature` value for this id, timestamp (unix seconds) and body. */
export declare function sign(secret: string, id: string, timestamp: number, body: Uint8Array): string;
/** Accepts a request signed with any of several secrets (several while one is being rotated). */
export declare class SignatureVerifier {
    private readonly toleranceS;
    private readonly clock;
    private readonly secrets;
    constructor(secrets: string[], toleranceS?: number, clock?: () => number);
    /** Returns when one signature matches; throws {@link InvalidSignatureError} otherwise. */
    verify(id: string | undefined, timestamp: string | undefined, signatures: string | undefined, body: Uint8Array): void;
    private checkFresh;
    toString(): string;
}
