package io.aispine.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failed node attempt is retried.
 *
 * @param maxAttempts total attempts including the first (1 means no retry)
 * @param backoff how the delay grows
 * @param initial the delay before the second attempt
 * @param max the cap on any delay
 * @param multiplier growth factor for {@link Backoff#EXPONENTIAL}
 * @param jitter how randomness is applied to the delay
 */
public record RetryPolicy(
    int maxAttempts,
    Backoff backoff,
    Duration initial,
    Duration max,
    double multiplier,
    Jitter jitter) {

  /** No retry: one attempt. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Backoff.FIXED, Duration.ZERO, Duration.ZERO, 1.0, Jitter.NONE);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max_attempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(jitter, "jitter");
    if (initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1.0, was " + multiplier);
    }
  }

  /**
   * The delay to wait before attempt {@code nextAttempt} (2 for the first retry).
   *
   * @param nextAttempt the attempt about to be scheduled, at least 2
   * @param random a uniform sample in [0, 1) supplied by the caller, so that this stays pure
   */
  public Duration delayBefore(int nextAttempt, double random) {
    int retryIndex = Math.max(0, nextAttempt - 2);
    double base =
        switch (backoff) {
          case FIXED -> initial.toMillis();
          case EXPONENTIAL -> initial.toMillis() * Math.pow(multiplier, retryIndex);
        };
    double capped = Math.min(base, max.isZero() ? base : max.toMillis());
    double jittered =
        switch (jitter) {
          case NONE -> capped;
          case FULL -> capped * random;
          case EQUAL -> capped / 2 + (capped / 2) * random;
        };
    return Duration.ofMillis(Math.round(jittered));
  }

  /** How the retry delay grows from one attempt to the next. */
  public enum Backoff {
    FIXED,
    EXPONENTIAL
  }

  /** Randomisation of the retry delay, so that many failing nodes do not retry in lockstep. */
  public enum Jitter {
    /** Exactly the computed delay. */
    NONE,
    /** Uniform between zero and the computed delay. */
    FULL,
    /** Half the computed delay plus a uniform share of the other half. */
    EQUAL
  }
}
