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
 */
public record AgentResilience(
    int circuitFailures, Duration circuitOpen, Duration healthInterval, Duration slowThreshold) {

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
  }

  /**
   * Five consecutive failures open a circuit for 60 s; health checks every 30 s, slow above 1 s.
   */
  public static AgentResilience defaults() {
    return new AgentResilience(
        5, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(1));
  }

  /** The defaults, overridden by the {@code AISPINE_CIRCUIT_*} and health environment variables. */
  public static AgentResilience fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static AgentResilience fromEnvironment(Map<String, String> env) {
    AgentResilience d = defaults();
    return new AgentResilience(
        (int) number(env, FAILURES_ENV, d.circuitFailures()),
        Duration.ofSeconds(number(env, OPEN_SECONDS_ENV, d.circuitOpen().toSeconds())),
        Duration.ofSeconds(number(env, HEALTH_SECONDS_ENV, d.healthInterval().toSeconds())),
        d.slowThreshold());
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
