package io.aispine.sdk;

import java.time.Instant;
import java.util.Map;

/** One attempt of a node: the agent called, the idempotency key sent, its timing and outcome. */
public record NodeRun(
    int attempt,
    String status,
    String agent,
    String idempotencyKey,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    ErrorInfo error,
    Map<String, Object> usage) {}
