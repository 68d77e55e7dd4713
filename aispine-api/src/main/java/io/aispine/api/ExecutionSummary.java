package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An execution as listed by {@code GET /api/v1/executions}. */
public record ExecutionSummary(
    String id,
    String flow,
    String version,
    ExecutionStatus status,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("finished_at") @Nullable Instant finishedAt,
    @Nullable ErrorInfo error,
    @JsonProperty("replay_of") @Nullable ReplayOrigin replayOf) {}
