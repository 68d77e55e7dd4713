package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A spending limit on model calls.
 *
 * @param flow the flow it limits, or null for the whole workspace
 * @param spentUsd what the current window (UTC day or month) has spent so far
 */
public record Budget(
    @Nullable String flow,
    @WireField(values = {"daily", "monthly"}) String period,
    @JsonProperty("limit_usd") double limitUsd,
    @WireField(values = {"fail", "hold"}) String policy,
    @JsonProperty("spent_usd") double spentUsd,
    @JsonProperty("updated_at") Instant updatedAt) {}
