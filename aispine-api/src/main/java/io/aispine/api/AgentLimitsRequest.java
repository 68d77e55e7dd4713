package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/agents/{name}/limits}; a null or absent field removes that
 * override, so the agent's manifest or the server's default applies again.
 */
@WireType(request = true)
public record AgentLimitsRequest(
    @JsonProperty("rate_per_minute")
        @WireField(minimum = 1, maximum = MAX_RATE_PER_MINUTE)
        @Nullable
        Integer ratePerMinute,
    @JsonProperty("max_concurrency") @WireField(minimum = 1, maximum = MAX_CONCURRENCY) @Nullable
        Integer maxConcurrency) {

  /** The highest rate an override may set. */
  public static final int MAX_RATE_PER_MINUTE = 1_000_000;

  /** The highest concurrency an override may set. */
  public static final int MAX_CONCURRENCY = 100_000;
}
