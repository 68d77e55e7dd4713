package io.aispine.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EventStream} reconnects after its connection drops: the first delay, doubling up to
 * {@code maxDelay} (with jitter), until the server has been unreachable for {@code giveUpAfter}.
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, Duration giveUpAfter) {

  /** 250 ms doubling up to 5 s, giving up after 5 minutes without a connection. */
  public static final ReconnectPolicy DEFAULT =
      new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(5));

  /** Requires positive delays, with the first no longer than the maximum. */
  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (initialDelay.isNegative()
        || initialDelay.isZero()
        || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 < initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
    }
  }

  /**
   * The delay after {@code failures} consecutive failed attempts (1 for the first), before jitter.
   */
  Duration delay(int failures, Duration first) {
    long base = first.toMillis();
    long max = Math.max(maxDelay.toMillis(), base);
    long shift = Math.min(Math.max(failures - 1, 0), 20);
    return Duration.ofMillis(Math.min(max, base << shift));
  }
}
