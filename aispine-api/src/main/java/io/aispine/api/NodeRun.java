package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One attempt of a node: the agent called, the idempotency key sent, its timing and outcome.
 *
 * @param input what the agent was called with, templates resolved and secrets left as their
 *     placeholders; absent for nodes that call no agent
 */
public record NodeRun(
    int attempt,
    String status,
    @Nullable String agent,
    @JsonProperty("idempotency_key") @Nullable String idempotencyKey,
    @JsonProperty("started_at") @Nullable Instant startedAt,
    @JsonProperty("finished_at") @Nullable Instant finishedAt,
    @JsonProperty("duration_ms") @Nullable Long durationMs,
    @Nullable ErrorInfo error,
    @Nullable Usage usage,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Object input) {}
