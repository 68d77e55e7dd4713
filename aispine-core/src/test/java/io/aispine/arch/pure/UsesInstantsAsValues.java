package io.aispine.arch.pure;

import java.time.Duration;
import java.time.Instant;

/** Computes with instants it is given: what the purity rule must let through. */
public final class UsesInstantsAsValues {

  private UsesInstantsAsValues() {}

  /** When a timer armed at {@code at} for {@code delay} fires. */
  public static Instant firesAt(Instant at, Duration delay) {
    return at.plus(delay).isAfter(Instant.parse("2000-01-01T00:00:00Z")) ? at.plus(delay) : at;
  }
}
