package io.aispine.server.internal.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: exponential backoff from {@code first}, capped at {@code
 * max}, with full jitter over the upper half (so a receiver that comes back is not hit by every
 * sender at once), until {@code window} after the first attempt; then it gives up.
 */
record RetrySchedule(Duration first, Duration max, Duration window) {

  /** 5 s, 10 s, 20 s … at most 1 h apart, for 24 h. */
  static final RetrySchedule DEFAULT =
      new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24));

  /**
   * The next attempt after failed attempt number {@code attempts} (from 1) of a delivery whose
   * retries started at {@code from}, or empty when they give up.
   */
  Optional<Instant> next(int attempts, Instant from, Instant now) {
    long base = first.toMillis() << Math.min(attempts - 1, 30);
    long capped = Math.min(Math.max(base, 1), max.toMillis());
    long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    Instant next = now.plusMillis(delay);
    return next.isAfter(from.plus(window)) ? Optional.empty() : Optional.of(next);
  }
}
