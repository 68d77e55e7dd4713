package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The rate and concurrency limits in force for an agent (every version), and where they come from.
 *
 * @param ratePerMinute calls per minute allowed, or null for no limit (built-in agents by default)
 * @param maxConcurrency calls in flight allowed, or null for no limit
 * @param source where each limit comes from: {@code override}, {@code manifest} or {@code default}
 * @param override what an operator set, each null when not set
 * @param inFlight calls in flight now
 * @param remainingThisMinute calls still allowed in the current minute, or null without a rate
 */
public record AgentLimits(
    String name,
    @JsonProperty("rate_per_minute") @Nullable Integer ratePerMinute,
    @JsonProperty("max_concurrency") @Nullable Integer maxConcurrency,
    Sources source,
    Override override,
    @JsonProperty("in_flight") int inFlight,
    @JsonProperty("remaining_this_minute") @Nullable Long remainingThisMinute) {

  /** Where each limit comes from. */
  @WireType(name = "LimitSources")
  public record Sources(
      @JsonProperty("rate_per_minute") @WireField(values = {"override", "manifest", "default"})
          String ratePerMinute,
      @JsonProperty("max_concurrency") @WireField(values = {"override", "manifest", "default"})
          String maxConcurrency) {}

  /** An operator's override; a null field keeps the manifest's or the server's default. */
  @WireType(name = "LimitOverride")
  public record Override(
      @JsonProperty("rate_per_minute") @Nullable Integer ratePerMinute,
      @JsonProperty("max_concurrency") @Nullable Integer maxConcurrency) {}
}
