package io.aispine.agents.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The calls each agent has in flight in this server, held to the agent's concurrency limit. */
public final class ConcurrencyLimits {

  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  /** Starts a call of agent {@code name} unless {@code max} (0: no limit) are in flight already. */
  public boolean enter(String name, int max) {
    AtomicInteger count = inFlight.computeIfAbsent(name, n -> new AtomicInteger());
    while (true) {
      int now = count.get();
      if (max > 0 && now >= max) {
        return false;
      }
      if (count.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Ends a call that {@link #enter} started. */
  public void exit(String name) {
    AtomicInteger count = inFlight.get(name);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  /** The calls of agent {@code name} in flight now. */
  public int inFlight(String name) {
    AtomicInteger count = inFlight.get(name);
    return count == null ? 0 : count.get();
  }
}
