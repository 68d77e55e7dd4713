package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The answer of {@code POST /api/v1/providers/{name}/test}: whether the provider answered. */
public record ProviderCheck(
    String name,
    @WireField(values = {"ok", "down"}) String status,
    @JsonProperty("latency_ms") long latencyMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ErrorInfo error,
    @JsonProperty("checked_at") Instant checkedAt) {}
