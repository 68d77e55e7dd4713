package io.aispine.agents.runtime;

import io.aispine.store.AgentControls;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which agents (or agent versions) are drained: they get no new calls, calls in flight finish. Kept
 * in the store so that a drain outlives a restart, and in memory for every call's check.
 */
public final class Drains {

  private final AgentControls store;
  // "name" drains every version, "name@version" one version
  private final Map<String, AgentControls.Drain> drains = new ConcurrentHashMap<>();
  private volatile Consumer<String> undrained = name -> {};

  public Drains(AgentControls store) {
    this.store = store;
    for (AgentControls.Drain drain : store.drains()) {
      drains.put(key(drain.name(), drain.version()), drain);
    }
  }

  /** Drains agent {@code name} ({@code version}, or every version when null). */
  public AgentControls.Drain drain(String name, String version, Instant at) {
    var drain = new AgentControls.Drain(name, version, at);
    AgentControls.Drain existing = drains.get(key(name, version));
    if (existing != null) {
      return existing;
    }
    store.drain(drain);
    drains.put(key(name, version), drain);
    return drain;
  }

  /** Ends the drain of agent {@code name} ({@code version}, or the drain of every version). */
  public boolean undrain(String name, String version) {
    boolean had = store.undrain(name, version);
    boolean ended = drains.remove(key(name, version)) != null || had;
    undrained.accept(name);
    return ended;
  }

  /** Who is told the name of an agent whose drain just ended. */
  public void onUndrain(Consumer<String> listener) {
    this.undrained = listener;
  }

  /** The drain that stops calls to {@code name@version}, if any. */
  public Optional<AgentControls.Drain> of(String name, String version) {
    AgentControls.Drain all = drains.get(key(name, null));
    return all != null ? Optional.of(all) : Optional.ofNullable(drains.get(key(name, version)));
  }

  /** The drain of every version of {@code name}, if any. */
  public Optional<AgentControls.Drain> ofEveryVersion(String name) {
    return Optional.ofNullable(drains.get(key(name, null)));
  }

  private static String key(String name, String version) {
    return version == null ? name : name + "@" + version;
  }
}
