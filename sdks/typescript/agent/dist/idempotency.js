/**
 * Final answers per idempotency key within a time to live, the oldest dropped first beyond
 * `maxKeys`. A duplicate that arrives while the first delivery runs waits for it. Only final
 * answers are kept: a retryable failure, a crash or a timeout forgets the key.
 */
export class IdempotencyCache {
    ttlMs;
    maxKeys;
    clock;
    entries = new Map();
    constructor(ttlMs = 24 * 3600 * 1000, maxKeys = 10_000, clock = () => performance.now()) {
        this.ttlMs = ttlMs;
        this.maxKeys = maxKeys;
        this.clock = clock;
        if (maxKeys < 1 || !(ttlMs > 0)) {
            throw new RangeError("the idempotency cache needs a size >= 1 and a ttl > 0");
        }
    }
    /** The stored answer for `key`, or undefined when this caller must produce it (see {@link store}). */
    lookup(key) {
        const entry = this.entries.get(key);
        if (entry && entry.storedAt + this.ttlMs < this.clock()) {
            this.entries.delete(key);
            return undefined;
        }
        return entry?.answer;
    }
    /** Keeps `answer` for `key`; {@link forget} it when it turns out not to be final. */
    store(key, answer) {
        this.entries.set(key, { answer, storedAt: this.clock() });
        while (this.entries.size > this.maxKeys) {
            this.entries.delete(this.entries.keys().next().value);
        }
    }
    /** Drops `key` if it still holds `answer`, so that the next delivery runs again. */
    forget(key, answer) {
        if (this.entries.get(key)?.answer === answer) {
            this.entries.delete(key);
        }
    }
    get size() {
        return this.entries.size;
    }
}
