package io.aispine.server.internal.gate;

import io.aispine.store.PanicState;
import io.aispine.store.PanicStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Panic mode as this server sees it: kept in the store (so it survives a restart and reaches every
 * node of a cluster) and read from there at most once a second, so that checking it costs no query
 * on each request. The node that flips it sees the change at once; other nodes within a second.
 */
public final class PanicSwitch {

  private static final Duration REFRESH = Duration.ofSeconds(1);

  private final PanicStore store;
  private final InstantSource clock;
  private volatile Optional<PanicState> current;
  private volatile Instant readAt;

  public PanicSwitch(PanicStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
    this.current = store.current();
    this.readAt = clock.instant();
  }

  /** The panic mode in force, or empty. */
  public Optional<PanicState> current() {
    Instant now = clock.instant();
    if (now.isAfter(readAt.plus(REFRESH)) || now.isBefore(readAt)) {
      current = store.current();
      readAt = now;
    }
    return current;
  }

  /** Switches panic mode on by the admin key {@code by}; a second switch keeps the first time. */
  public synchronized PanicState on(String by, String reason) {
    store.set(new PanicState(clock.instant(), by, reason));
    return refresh().orElseThrow();
  }

  /** Switches panic mode off. */
  public synchronized void off() {
    store.set(null);
    refresh();
  }

  private Optional<PanicState> refresh() {
    current = store.current();
    readAt = clock.instant();
    return current;
  }
}
