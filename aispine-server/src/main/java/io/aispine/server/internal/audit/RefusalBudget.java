package io.aispine.server.internal.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * How many refusals of requests that carried no valid key the audit log records: at most {@link
 * #PER_WINDOW} in each {@link #WINDOW}, so a flood of unauthenticated requests adds at most that
 * many entries (plus one that counts the rest) per window, whatever its rate. Refusals of a valid
 * key are always recorded: a key is accountable, and it can be revoked.
 */
final class RefusalBudget {

  /** The length of a window. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** The unauthenticated refusals recorded in full per window. */
  static final int PER_WINDOW = 20;

  private final InstantSource clock;
  private Instant windowStart = Instant.MIN;
  private int recorded;
  private long dropped;
  private Instant firstDropped;

  RefusalBudget(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * Whether one more unauthenticated refusal is recorded now; when a window with dropped refusals
   * has ended, {@code onDropped} is told how many first, so that its count is recorded.
   */
  synchronized Decision take() {
    Instant now = clock.instant();
    Dropped summary = null;
    if (!now.isBefore(windowStart.plus(WINDOW))) {
      if (dropped > 0) {
        summary = new Dropped(dropped, firstDropped, now);
      }
      windowStart = now;
      recorded = 0;
      dropped = 0;
      firstDropped = null;
    }
    if (recorded < PER_WINDOW) {
      recorded++;
      return new Decision(true, summary);
    }
    if (dropped++ == 0) {
      firstDropped = now;
    }
    return new Decision(false, summary);
  }

  /**
   * What to record for one unauthenticated refusal.
   *
   * @param record whether to record it
   * @param dropped the refusals of an earlier window left out, to record first; null when none
   */
  record Decision(boolean record, Dropped dropped) {}

  /** Unauthenticated refusals left out of the log between {@code from} and {@code until}. */
  record Dropped(long count, Instant from, Instant until) {}
}
