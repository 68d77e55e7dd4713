package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One call of an agent, as its recent calls list it.
 *
 * @param node the node path
 * @param status {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param agent the agent reference that served the call
 * @param latencyMs how long it took, or null while it runs
 */
public record AgentCall(
    String execution,
    String node,
    int attempt,
    String status,
    @Nullable String agent,
    @JsonProperty("started_at") @Nullable Instant startedAt,
    @JsonProperty("finished_at") @Nullable Instant finishedAt,
    @JsonProperty("latency_ms") @Nullable Long latencyMs,
    @Nullable ErrorInfo error) {}
