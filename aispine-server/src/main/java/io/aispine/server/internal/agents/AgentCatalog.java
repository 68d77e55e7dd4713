package io.aispine.server.internal.agents;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentResolver;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agent.CallGuard;
import io.aispine.agents.remote.HttpAgent;
import io.aispine.store.AgentRegistry;
import io.aispine.store.RegisteredAgent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.semver4j.Semver;

/**
 * Every agent the server's flows can call: the built-ins, then the registered HTTP agents. A
 * reference {@code name@range} resolves to the highest registered version the range admits.
 * Registered versions are cached in memory; this server is the only one registering on its store.
 */
public final class AgentCatalog implements AgentResolver {

  private final BuiltinAgents builtins;
  private final AgentRegistry registry;
  private final Map<String, List<RegisteredAgent>> versions = new ConcurrentHashMap<>();
  private final Map<String, HttpAgent> clients = new ConcurrentHashMap<>();
  private final CallGuard guard;

  /**
   * @param guard wraps every resolved agent version (for example in its circuit breaker)
   */
  public AgentCatalog(BuiltinAgents builtins, AgentRegistry registry, CallGuard guard) {
    this.builtins = builtins;
    this.registry = registry;
    this.guard = guard;
    for (RegisteredAgent agent : registry.all()) {
      versions.computeIfAbsent(agent.name(), n -> new ArrayList<>()).add(agent);
    }
  }

  /** The built-in agents. */
  public BuiltinAgents builtins() {
    return builtins;
  }

  /** True when {@code name} is a built-in or registered agent. */
  public boolean exists(String name) {
    return builtins.providers().containsKey(name) || versions.containsKey(name);
  }

  /** Registers a version and makes it resolvable at once; see {@link AgentRegistry#register}. */
  public RegisteredAgent register(RegisteredAgent agent) {
    RegisteredAgent stored = registry.register(agent);
    versions.compute(
        stored.name(),
        (name, known) -> {
          List<RegisteredAgent> updated = new ArrayList<>(known == null ? List.of() : known);
          if (updated.stream().noneMatch(a -> a.version().equals(stored.version()))) {
            updated.add(stored);
          }
          updated.sort(Comparator.comparing(a -> Semver.parse(a.version())));
          return List.copyOf(updated);
        });
    return stored;
  }

  /** Every registered version of {@code name}, oldest first; empty when it has none. */
  public List<RegisteredAgent> registered(String name) {
    List<RegisteredAgent> found = versions.getOrDefault(name, List.of());
    return found.stream().sorted(Comparator.comparing(a -> Semver.parse(a.version()))).toList();
  }

  /** The names of every registered HTTP agent. */
  public List<String> registeredNames() {
    return versions.keySet().stream().sorted().toList();
  }

  @Override
  public Optional<Agent> resolve(String reference) {
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    var provider = builtins.providers().get(name);
    if (provider != null) {
      return builtins
          .resolve(reference)
          .map(agent -> guard.guard(name + "@" + provider.version(), agent));
    }
    String range = at < 0 ? null : reference.substring(at + 1);
    return highestMatching(name, range)
        .map(found -> guard.guard(found.name() + "@" + found.version(), client(found)));
  }

  /** The highest registered version of {@code name} that {@code range} (or any) admits. */
  public Optional<RegisteredAgent> highestMatching(String name, String range) {
    List<RegisteredAgent> candidates = registered(name);
    for (int i = candidates.size() - 1; i >= 0; i--) {
      RegisteredAgent candidate = candidates.get(i);
      if (range == null || satisfies(candidate.version(), range)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean satisfies(String version, String range) {
    try {
      return Semver.parse(version).satisfies(range);
    } catch (RuntimeException e) {
      return false; // a range semver4j cannot read admits nothing
    }
  }

  /** The HTTP client of a registered version, shared by its calls and its health checks. */
  public HttpAgent client(RegisteredAgent agent) {
    return clients.computeIfAbsent(
        agent.name() + "@" + agent.version(),
        k -> new HttpAgent(URI.create(agent.url()), agent.secret()));
  }
}
