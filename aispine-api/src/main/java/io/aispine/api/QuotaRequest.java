package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/workspaces/{id}/quota}: the plan, and quotas that differ from it
 * (absent: the plan's; -1: unlimited).
 */
@WireType(request = true)
public record QuotaRequest(
    String plan,
    @JsonProperty("api_calls_per_minute") @WireField(minimum = -1) @Nullable Long apiCallsPerMinute,
    @JsonProperty("executions_per_month") @WireField(minimum = -1) @Nullable
        Long executionsPerMonth,
    @JsonProperty("executions_running") @WireField(minimum = -1) @Nullable Long executionsRunning,
    @JsonProperty("private_agents") @WireField(minimum = -1) @Nullable Long privateAgents) {}
