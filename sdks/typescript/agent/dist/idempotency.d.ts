/**
 * Final answers per idempotency key within a time to live, the oldest dropped first beyond
 * `maxKeys`. A duplicate that arrives while the first delivery runs waits for it. Only final
 * answers are kept: a retryable failure, a crash or a timeout forgets the key.
 */
export declare class IdempotencyCache<T> {
    private readonly ttlMs;
    private readonly maxKeys;
    private readonly clock;
    private readonly entries;
    constructor(ttlMs?: number, maxKeys?: number, clock?: () => number);
    /** The stored answer for `key`, or undefined when this caller must produce it (see {@link store}). */
    lookup(key: string): Promise<T> | undefined;
    /** Keeps `answer` for `key`; {@link forget} it when it turns out not to be final. */
    store(key: string, answer: Promise<T>): void;
    /** Drops `key` if it still holds `answer`, so that the next delivery runs again. */
    forget(key: string, answer: Promise<T>): void;
    get size(): number;
}
