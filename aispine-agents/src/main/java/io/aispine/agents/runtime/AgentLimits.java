package io.aispine.agents.runtime;

import io.aispine.store.AgentControls;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The rate and concurrency limits in force for each agent: the operator's stored override, else
 * what {@link LimitSource} (the agent's manifest) declares, else the runtime's defaults (no default
 * rate for built-in agents). Overrides are cached; this process is the only one writing them.
 */
public final class AgentLimits {

  /**
   * The limits in force and where each comes from ({@code override}, {@code manifest}, {@code
   * default}).
   *
   * @param ratePerMinute the calls per minute allowed, 0 for no limit
   * @param maxConcurrency the calls in flight allowed, 0 for no limit
   */
  public record Effective(
      int ratePerMinute, int maxConcurrency, String rateSource, String concurrencySource) {}

  private final AgentControls store;
  private final AgentResilience defaults;
  private final LimitSource declared;
  private final Predicate<String> builtin;
  private final Map<String, Optional<AgentControls.Limits>> overrides = new ConcurrentHashMap<>();

  /**
   * @param builtin tells the built-in agents: they run in this process, so the default rate limit
   *     (meant to protect remote services) does not apply to them; an override or manifest does
   */
  AgentLimits(
      AgentControls store,
      AgentResilience defaults,
      LimitSource declared,
      Predicate<String> builtin) {
    this.store = store;
    this.defaults = defaults;
    this.declared = declared;
    this.builtin = builtin;
  }

  /** The limits in force for agent {@code name}. */
  public Effective effective(String name) {
    Optional<AgentControls.Limits> own = override(name);
    Optional<LimitSource.Declared> other = declared.limits(name);
    Integer ownRate = own.map(AgentControls.Limits::ratePerMinute).orElse(null);
    Integer ownConcurrency = own.map(AgentControls.Limits::maxConcurrency).orElse(null);
    Integer otherRate = other.map(LimitSource.Declared::ratePerMinute).orElse(null);
    Integer otherConcurrency = other.map(LimitSource.Declared::maxConcurrency).orElse(null);
    return new Effective(
        pick(ownRate, otherRate, builtin.test(name) ? 0 : defaults.ratePerMinute()),
        pick(ownConcurrency, otherConcurrency, defaults.maxConcurrency()),
        source(ownRate, otherRate),
        source(ownConcurrency, otherConcurrency));
  }

  /** The operator's override of agent {@code name}, if one was set. */
  public Optional<AgentControls.Limits> override(String name) {
    return overrides.computeIfAbsent(name, store::limits);
  }

  /** Stores an override (a null field falls back to the manifest or default) and applies it. */
  public Effective set(String name, Integer ratePerMinute, Integer maxConcurrency, Instant at) {
    var limits = new AgentControls.Limits(name, ratePerMinute, maxConcurrency, at);
    store.putLimits(limits);
    overrides.put(name, Optional.of(limits));
    return effective(name);
  }

  private static int pick(Integer own, Integer other, int fallback) {
    return own != null ? own : other != null ? other : fallback;
  }

  private static String source(Integer own, Integer other) {
    return own != null ? "override" : other != null ? "manifest" : "default";
  }
}
