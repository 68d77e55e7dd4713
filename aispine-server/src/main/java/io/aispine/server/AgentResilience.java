package io.aispine.server;

import java.time.Duration;
import java.util.Map;

/**
 * How the server protects itself from failing agents and watches their health.
 *
 * @param circuitFailures consecutive transport failures that open an agent version's circuit
 * @param circuitOpen how long an open circuit refuses calls before it lets a probe through
 * @param healthInterval how often registered agent versions are health-checked
 * @param slowThreshold a health check slower than this reports the version {@code degraded}
 * @param ratePerMinute the calls per minute each agent (all its versions) gets unless its limits
 *     say otherwise
 * @param maxConcurrency the calls each agent may have in flight unless its limits say otherwise; 0
 *     for no limit
 * @param recheck how soon a node held back by a drain or a concurrency limit looks again at the
 *     latest (it is delivered at once when the drain ends or a slot frees)
 */
public record AgentResilience(
    int circuitFailures,
    Duration circuitOpen,
    Duration healthInterval,
    Duration slowThreshold,
    int ratePerMinute,
    int maxConcurrency,
    Duration recheck) {

  /** Environment variable overriding {@link #ratePerMinute}. */
  public static final String RATE_ENV = "AISPINE_AGENT_RATE_PER_MINUTE";

  /** Environment variable overriding {@link #maxConcurrency}. */
  public static final String CONCURRENCY_ENV = "AISPINE_AGENT_MAX_CONCURRENCY";

  /** Environment variable overriding {@link #recheck}, in milliseconds. */
  public static final String RECHECK_MS_ENV = "AISPINE_AGENT_RECHECK_MS";

  /** The default calls per minute of an agent. */
  public static final int DEFAULT_RATE_PER_MINUTE = 50;

  /** Environment variable overriding {@link #circuitFailures}. */
  public static final String FAILURES_ENV = "AISPINE_CIRCUIT_FAILURES";

  /** Environment variable overriding {@link #circuitOpen}, in seconds. */
  public static final String OPEN_SECONDS_ENV = "AISPINE_CIRCUIT_OPEN_SECONDS";

  /** Environment variable overriding {@link #healthInterval}, in seconds. */
  public static final String HEALTH_SECONDS_ENV = "AISPINE_HEALTH_INTERVAL_SECONDS";

  public AgentResilience {
    if (circuitFailures < 1) {
      throw new IllegalArgumentException(
          "circuitFailures must be at least 1, was " + circuitFailures);
    }
    requirePositive("circuitOpen", circuitOpen);
    requirePositive("healthInterval", healthInterval);
    requirePositive("slowThreshold", slowThreshold);
    if (ratePerMinute < 1) {
      throw new IllegalArgumentException("ratePerMinute must be at least 1, was " + ratePerMinute);
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException(
          "maxConcurrency must be 0 (no limit) or more, was " + maxConcurrency);
    }
    requirePositive("recheck", recheck);
  }

  /** Circuit and health settings with the default limits. */
  public AgentResilience(
      int circuitFailures, Duration circuitOpen, Duration healthInterval, Duration slowThreshold) {
    this(
        circuitFailures,
        circuitOpen,
        healthInterval,
        slowThreshold,
        DEFAULT_RATE_PER_MINUTE,
        0,
        Duration.ofSeconds(10));
  }

  /** These settings with other default limits of every agent. */
  public AgentResilience withLimits(int ratePerMinute, int maxConcurrency, Duration recheck) {
    return new AgentResilience(
        circuitFailures,
        circuitOpen,
        healthInterval,
        slowThreshold,
        ratePerMinute,
        maxConcurrency,
        recheck);
  }

  /**
   * Five consecutive failures open a circuit for 60 s; health checks every 30 s, slow above 1 s; 50
   * calls per minute per agent, no concurrency limit, held-back nodes look again within 10 s.
   */
  public static AgentResilience defaults() {
    return new AgentResilience(
        5, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(1));
  }

  /**
   * The defaults, overridden by the {@code AISPINE_CIRCUIT_*}, health and {@code AISPINE_AGENT_*}
   * environment variables.
   */
  public static AgentResilience fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static AgentResilience fromEnvironment(Map<String, String> env) {
    AgentResilience d = defaults();
    return new AgentResilience(
        (int) number(env, FAILURES_ENV, d.circuitFailures()),
        Duration.ofSeconds(number(env, OPEN_SECONDS_ENV, d.circuitOpen().toSeconds())),
        Duration.ofSeconds(number(env, HEALTH_SECONDS_ENV, d.healthInterval().toSeconds())),
        d.slowThreshold(),
        (int) number(env, RATE_ENV, d.ratePerMinute()),
        (int) number(env, CONCURRENCY_ENV, d.maxConcurrency()),
        Duration.ofMillis(number(env, RECHECK_MS_ENV, d.recheck().toMillis())));
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
