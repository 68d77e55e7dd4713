package io.aispine.agents.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * How the agent runtime (of a server or a local run) protects itself from failing agents and
 * watches their health.
 *
 * @param circuit when an agent version's circuit opens and closes again
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
    CircuitPolicy circuit,
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

  /** Environment variable overriding {@link CircuitPolicy#window()}. */
  public static final String WINDOW_ENV = "AISPINE_CIRCUIT_WINDOW";

  /** Environment variable overriding {@link CircuitPolicy#minimumCalls()}. */
  public static final String MIN_CALLS_ENV = "AISPINE_CIRCUIT_MIN_CALLS";

  /** Environment variable overriding {@link CircuitPolicy#failureRatePercent()}. */
  public static final String FAILURE_RATE_ENV = "AISPINE_CIRCUIT_FAILURE_RATE";

  /** Environment variable overriding {@link CircuitPolicy#probes()}. */
  public static final String PROBES_ENV = "AISPINE_CIRCUIT_PROBES";

  /** Environment variable overriding {@link CircuitPolicy#openFor()}, in seconds. */
  public static final String OPEN_SECONDS_ENV = "AISPINE_CIRCUIT_OPEN_SECONDS";

  /** The variable of the former "consecutive failures" circuit, refused so it is not ignored. */
  static final String REMOVED_FAILURES_ENV = "AISPINE_CIRCUIT_FAILURES";

  /** Environment variable overriding {@link #healthInterval}, in seconds. */
  public static final String HEALTH_SECONDS_ENV = "AISPINE_HEALTH_INTERVAL_SECONDS";

  public AgentResilience {
    java.util.Objects.requireNonNull(circuit, "circuit");
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

  /** These settings with other default limits of every agent. */
  public AgentResilience withLimits(int ratePerMinute, int maxConcurrency, Duration recheck) {
    return new AgentResilience(
        circuit, healthInterval, slowThreshold, ratePerMinute, maxConcurrency, recheck);
  }

  /** These settings with another circuit policy. */
  public AgentResilience withCircuit(CircuitPolicy circuit) {
    return new AgentResilience(
        circuit, healthInterval, slowThreshold, ratePerMinute, maxConcurrency, recheck);
  }

  /**
   * The {@linkplain CircuitPolicy#defaults() default circuit}; health checks every 30 s, slow above
   * 1 s; 50 calls per minute per agent, no concurrency limit, held-back nodes look again within 10
   * s.
   */
  public static AgentResilience defaults() {
    return new AgentResilience(
        CircuitPolicy.defaults(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        DEFAULT_RATE_PER_MINUTE,
        0,
        Duration.ofSeconds(10));
  }

  /**
   * The defaults, overridden by the {@code AISPINE_CIRCUIT_*}, health and {@code AISPINE_AGENT_*}
   * environment variables.
   */
  public static AgentResilience fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static AgentResilience fromEnvironment(Map<String, String> env) {
    if (env.get(REMOVED_FAILURES_ENV) != null) {
      throw new IllegalArgumentException(
          REMOVED_FAILURES_ENV
              + " is no longer read: a circuit now opens on a failure rate; set "
              + MIN_CALLS_ENV
              + ", "
              + WINDOW_ENV
              + " and "
              + FAILURE_RATE_ENV
              + " instead (see docs/server.md)");
    }
    AgentResilience d = defaults();
    CircuitPolicy c = d.circuit();
    var circuit =
        new CircuitPolicy(
            (int) number(env, WINDOW_ENV, c.window()),
            (int) number(env, MIN_CALLS_ENV, c.minimumCalls()),
            (int) number(env, FAILURE_RATE_ENV, c.failureRatePercent()),
            (int) number(env, PROBES_ENV, c.probes()),
            Duration.ofSeconds(number(env, OPEN_SECONDS_ENV, c.openFor().toSeconds())));
    return new AgentResilience(
        circuit,
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
