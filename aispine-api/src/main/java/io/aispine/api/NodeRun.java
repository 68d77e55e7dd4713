package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One attempt of a node: the agent called, the idempotency key sent, its timing and outcome. */
public record NodeRun(
    int attempt,
    String status,
    @Nullable String agent,
    @JsonProperty("idempotency_key") @Nullable String idempotencyKey,
    @JsonProperty("started_at") @Nullable Instant startedAt,
    @JsonProperty("finished_at") @Nullable Instant finishedAt,
    @JsonProperty("duration_ms") @Nullable Long durationMs,
    @Nullable ErrorInfo error,
    @Nullable Usage usage) {}
