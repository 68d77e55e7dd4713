package io.aispine.agents.runtime;

import java.time.Duration;

/**
 * When an agent version's circuit opens and how it closes again. The circuit counts only outages of
 * the agent (it could not be reached, gave no answer in time, broke the exchange, its transport
 * answered 5xx, a built-in crashed), never the errors an agent answers with, retryable or not.
 *
 * <p>Of the last {@code window} calls, once at least {@code minimumCalls} were made, a share of
 * outages of {@code failureRatePercent} or more opens the circuit: calls are then refused (their
 * nodes wait) for {@code openFor}. After that the circuit is half-open: {@code probes} calls go
 * through, and when fewer than {@code failureRatePercent} of them fail it closes, else it opens for
 * another {@code openFor}.
 *
 * @param window how many of the latest calls the failure rate is computed over
 * @param minimumCalls how many calls the window needs before the rate is judged
 * @param failureRatePercent the share of outages, 1 to 100, that opens the circuit
 * @param probes how many calls a half-open circuit lets through to decide
 * @param openFor how long an open circuit refuses calls
 */
public record CircuitPolicy(
    int window, int minimumCalls, int failureRatePercent, int probes, Duration openFor) {

  public CircuitPolicy {
    if (window < 1) {
      throw new IllegalArgumentException(
          "the circuit window must be at least 1 call, was " + window);
    }
    if (minimumCalls < 1 || minimumCalls > window) {
      throw new IllegalArgumentException(
          "the circuit's minimum calls must be between 1 and its window ("
              + window
              + "), was "
              + minimumCalls);
    }
    if (failureRatePercent < 1 || failureRatePercent > 100) {
      throw new IllegalArgumentException(
          "the circuit's failure rate must be a percentage from 1 to 100, was "
              + failureRatePercent);
    }
    if (probes < 1) {
      throw new IllegalArgumentException("the circuit needs at least 1 probe, was " + probes);
    }
    if (openFor == null || openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException(
          "the circuit's open time must be positive, was " + openFor);
    }
  }

  /**
   * Half of the last 10 calls, once 5 were made, open the circuit for 60 s; then 3 probes decide.
   * An agent that is down opens it after 5 calls.
   */
  public static CircuitPolicy defaults() {
    return new CircuitPolicy(10, 5, 50, 3, Duration.ofSeconds(60));
  }

  /** This policy with another open time. */
  public CircuitPolicy withOpenFor(Duration openFor) {
    return new CircuitPolicy(window, minimumCalls, failureRatePercent, probes, openFor);
  }
}
