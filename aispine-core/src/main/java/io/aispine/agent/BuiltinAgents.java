package io.aispine.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The built-in agents on the class path, found through {@link ServiceLoader}. Resolves {@code name}
 * and {@code name@range} references; the range must admit the agent's version.
 */
public final class BuiltinAgents implements AgentResolver {

  private final Map<String, AgentProvider> providers;
  private final Map<String, Agent> agents = new java.util.concurrent.ConcurrentHashMap<>();

  private BuiltinAgents(Map<String, AgentProvider> providers) {
    this.providers = Collections.unmodifiableMap(providers);
  }

  /** Loads every {@link AgentProvider} visible to this class's loader. */
  public static BuiltinAgents load() {
    var found = new LinkedHashMap<String, AgentProvider>();
    for (AgentProvider provider : ServiceLoader.load(AgentProvider.class)) {
      found.putIfAbsent(provider.name(), provider);
    }
    return new BuiltinAgents(found);
  }

  /**
   * These agents with {@code provider} in place of the one of the same name (or added): how a
   * server hands an agent its own configuration, such as the policy the {@code http} agent sends
   * requests under.
   */
  public BuiltinAgents with(AgentProvider provider) {
    var replaced = new LinkedHashMap<>(providers);
    replaced.put(provider.name(), provider);
    return new BuiltinAgents(replaced);
  }

  /** The providers by name. */
  public Map<String, AgentProvider> providers() {
    return providers;
  }

  @Override
  public Optional<Agent> resolve(String reference) {
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    AgentProvider provider = providers.get(name);
    if (provider == null) {
      return Optional.empty();
    }
    if (at >= 0) {
      String range = reference.substring(at + 1);
      if (!new org.semver4j.Semver(provider.version()).satisfies(range)) {
        return Optional.empty();
      }
    }
    return Optional.of(agents.computeIfAbsent(name, n -> provider.create()));
  }

  /** A built-in has one version: {@code echo@^1} pins to {@code echo@1.0.0}. */
  @Override
  public Optional<String> pin(String reference) {
    int at = reference.indexOf('@');
    AgentProvider provider = providers.get(at < 0 ? reference : reference.substring(0, at));
    return resolve(reference).map(agent -> provider.name() + "@" + provider.version());
  }
}
