package io.aispine.agents.remote;

import java.time.Duration;

/**
 * What a health check of a remote agent found.
 *
 * @param status the agent's own status ({@code ok}), or {@code down} when it could not say
 * @param name the agent's name, or null when unknown
 * @param version the agent's version, or null when unknown
 * @param latency how long the check took
 * @param problem why the agent is not healthy, or null when it is
 */
public record HealthReport(
    String status, String name, String version, Duration latency, String problem) {

  /** The status of an agent that did not answer the health check properly. */
  public static final String DOWN = "down";

  /** Whether the agent answered {@code ok}. */
  public boolean healthy() {
    return "ok".equals(status) && problem == null;
  }

  static HealthReport down(Duration latency, String problem) {
    return new HealthReport(DOWN, null, null, latency, problem);
  }
}
