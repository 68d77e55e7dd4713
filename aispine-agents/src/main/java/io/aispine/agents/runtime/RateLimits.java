package io.aispine.agents.runtime;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * A Bucket4j token bucket per agent name: {@code N} calls per minute, refilled all at once every
 * minute, so that no minute-long interval of the bucket admits more than {@code N} calls. The
 * buckets read the injected clock, so tests move time instead of sleeping.
 *
 * <p>Restarts do not grant a fresh full bucket: at start-up each agent's bucket is created with the
 * calls its attempt records show in the last minute already taken (see {@link #RateLimits}). That
 * errs on the safe side: those calls' minute is taken to start at the restart.
 */
public final class RateLimits {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private record Limited(int perMinute, Bucket bucket) {}

  private final TimeMeter meter;
  private final InstantSource clock;
  private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

  /**
   * @param recentCalls the calls each agent made in the minute before this start, by name: each
   *     such agent's bucket starts now with them taken, so its next refill is a minute from now
   * @param rateOf the calls per minute an agent is allowed now
   */
  public RateLimits(
      InstantSource clock, Map<String, Integer> recentCalls, ToIntFunction<String> rateOf) {
    this.clock = clock;
    this.meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
    recentCalls.forEach(
        (name, used) -> {
          int perMinute = rateOf.applyAsInt(name);
          if (perMinute > 0) {
            buckets.put(name, new Limited(perMinute, bucket(perMinute, used)));
          }
        });
  }

  /**
   * Takes one call of agent {@code name} allowed {@code perMinute} calls a minute: empty when the
   * call may go ahead, else when the next call will be allowed.
   */
  public Optional<Instant> take(String name, int perMinute) {
    Limited limited = buckets.compute(name, (n, old) -> fitted(old, perMinute));
    ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Optional.empty();
    }
    return Optional.of(clock.instant().plusNanos(Math.max(1, probe.getNanosToWaitForRefill())));
  }

  /**
   * The calls agent {@code name} may still make in its current minute, or empty before its first.
   */
  public Optional<Long> remaining(String name) {
    Limited limited = buckets.get(name);
    return limited == null ? Optional.empty() : Optional.of(limited.bucket().getAvailableTokens());
  }

  private Limited fitted(Limited old, int perMinute) {
    if (old != null && old.perMinute() == perMinute) {
      return old;
    }
    // a changed limit keeps what was used of the current minute
    long used = old == null ? 0 : old.perMinute() - old.bucket().getAvailableTokens();
    return new Limited(perMinute, bucket(perMinute, used));
  }

  private Bucket bucket(int perMinute, long used) {
    Bucket bucket =
        Bucket.builder()
            .addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, WINDOW))
            .withCustomTimePrecision(meter)
            .build();
    long taken = Math.min(Math.max(0, used), perMinute);
    if (taken > 0) {
      bucket.tryConsume(taken);
    }
    return bucket;
  }
}
