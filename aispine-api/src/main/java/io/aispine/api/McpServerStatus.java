package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What AI Spine knows of its session with an MCP server now, without connecting.
 *
 * @param toolCount how many tools it listed when it connected
 * @param lastError the last failure to connect or call
 * @param latencyMs how long the last connection or call took
 * @param retryAt when the next connection may be tried after failures
 */
public record McpServerStatus(
    boolean connected,
    @JsonProperty("tool_count") int toolCount,
    @JsonProperty("last_error") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        String lastError,
    @JsonProperty("latency_ms") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long latencyMs,
    @JsonProperty("retry_at") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        Instant retryAt) {}
