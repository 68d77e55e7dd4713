package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The answer of {@code POST /api/v1/mcp/servers/{name}/test}: whether the server answered. */
public record McpServerCheck(
    String name,
    @WireField(values = {"ok", "down"}) String status,
    @JsonProperty("latency_ms") long latencyMs,
    @JsonProperty("tool_count") int toolCount,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ErrorInfo error,
    @JsonProperty("checked_at") Instant checkedAt) {}
