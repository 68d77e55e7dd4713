package io.aispine.sdk;

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
    Integer ratePerMinute,
    Integer maxConcurrency,
    Sources source,
    Override override,
    int inFlight,
    Long remainingThisMinute) {

  /** Where each limit comes from. */
  public record Sources(String ratePerMinute, String maxConcurrency) {}

  /** An operator's override; a null field keeps the manifest's or the server's default. */
  public record Override(Integer ratePerMinute, Integer maxConcurrency) {}
}
