package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An agent version's health: the periodic (or last on-demand) check combined with its circuit
 * (open: {@code down}, half-open: {@code degraded}); {@code unknown} before its first check.
 */
public record Health(
    @WireField(values = {"healthy", "degraded", "down", "unknown"}) String state,
    @JsonProperty("latency_ms") @Nullable Long latencyMs,
    @JsonProperty("last_error") @Nullable String lastError,
    @JsonProperty("checked_at") @Nullable Instant checkedAt) {}
