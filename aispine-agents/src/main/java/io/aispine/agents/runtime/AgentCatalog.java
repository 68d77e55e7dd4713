package io.aispine.agents.runtime;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;
import io.aispine.agent.AgentResolver;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agent.CallGuard;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.remote.HttpAgent;
import io.aispine.store.AgentRegistry;
import io.aispine.store.RegisteredAgent;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.semver4j.Semver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every agent flows can call: the built-ins, then the HTTP agents named directly (a local run's
 * {@code --agent NAME=URL}), then the registered HTTP agents. A reference {@code name@range}
 * resolves to the highest registered version the range admits that is not deprecated, else to the
 * highest deprecated one (with a warning); an agent named directly answers for every range (it is
 * one version, whichever the flow asks for). Registered versions are cached in memory; this process
 * is the only one registering on its store.
 *
 * <p>A resolved HTTP agent is checked against its manifest's schemas ({@link SchemaGate}): its
 * input before the circuit guard, its output inside it.
 */
public final class AgentCatalog implements AgentResolver {

  private static final Logger log = LoggerFactory.getLogger(AgentCatalog.class);
  private static final Comparator<RegisteredAgent> BY_VERSION =
      Comparator.comparing(a -> Semver.parse(a.version()));

  private final BuiltinAgents builtins;
  private final AgentRegistry registry;
  private final Map<String, List<RegisteredAgent>> versions = new ConcurrentHashMap<>();
  private final Map<String, RegisteredAgent> named = new ConcurrentHashMap<>();
  private final Map<String, HttpAgent> clients = new ConcurrentHashMap<>();
  private final Map<String, Agent> checked = new ConcurrentHashMap<>();
  private final CallGuard guard;
  private final OutboundHttp outbound;

  /**
   * @param guard wraps every resolved agent version (for example in its circuit breaker)
   * @param outbound the client (and policy) registered agents are called and checked through
   */
  public AgentCatalog(
      BuiltinAgents builtins, AgentRegistry registry, CallGuard guard, OutboundHttp outbound) {
    this.builtins = builtins;
    this.registry = registry;
    this.guard = guard;
    this.outbound = outbound;
    for (RegisteredAgent agent : registry.all()) {
      versions.computeIfAbsent(agent.name(), n -> new ArrayList<>()).add(agent);
    }
    versions.replaceAll((name, list) -> List.copyOf(list));
  }

  /** The built-in agents. */
  public BuiltinAgents builtins() {
    return builtins;
  }

  /** The client registered agents, their manifests and health checks are reached through. */
  public OutboundHttp outbound() {
    return outbound;
  }

  /** True when {@code name} is a built-in, named or registered agent. */
  public boolean exists(String name) {
    return builtins.providers().containsKey(name)
        || named.containsKey(name)
        || versions.containsKey(name);
  }

  /**
   * Adds an HTTP agent that flows reach by its name whatever range they write, kept in memory only
   * (a local run's {@code --agent NAME=URL}); it is guarded and schema-checked like a registered
   * one.
   *
   * @throws IllegalArgumentException when {@code agent} has the name of a built-in
   */
  public void name(RegisteredAgent agent) {
    if (builtins.providers().containsKey(agent.name())) {
      throw new IllegalArgumentException(
          "'" + agent.name() + "' is a built-in agent; give the HTTP agent another name");
    }
    named.put(agent.name(), agent);
  }

  /** The agents named directly, by name. */
  public Map<String, RegisteredAgent> named() {
    return Map.copyOf(named);
  }

  /** The limits the manifest of agent {@code name} declares, if it has one that does. */
  public Optional<io.aispine.store.AgentLimits> declaredLimits(String name) {
    RegisteredAgent agent = named.get(name);
    return Optional.ofNullable(agent).or(() -> choose(name, null)).map(a -> a.details().limits());
  }

  /** Registers a version and makes it resolvable at once; see {@link AgentRegistry#register}. */
  public RegisteredAgent register(RegisteredAgent agent) {
    RegisteredAgent stored = registry.register(agent);
    update(
        stored.name(),
        known -> {
          List<RegisteredAgent> updated = new ArrayList<>(known);
          if (updated.stream().noneMatch(a -> a.version().equals(stored.version()))) {
            updated.add(stored);
          }
          return updated;
        });
    return stored;
  }

  /** Deprecates a registered version; empty when there is no such version. */
  public Optional<RegisteredAgent> deprecate(
      String name, String version, String reason, Instant at) {
    return replaced(registry.deprecate(name, version, reason, at));
  }

  /** Lifts a version's deprecation; empty when there is no such version. */
  public Optional<RegisteredAgent> undeprecate(String name, String version) {
    return replaced(registry.undeprecate(name, version));
  }

  /** Every registered version of {@code name}, oldest first; empty when it has none. */
  public List<RegisteredAgent> registered(String name) {
    return versions.getOrDefault(name, List.of());
  }

  /** One registered version, if it exists. */
  public Optional<RegisteredAgent> registered(String name, String version) {
    return registered(name).stream().filter(a -> a.version().equals(version)).findFirst();
  }

  /** The names of every registered HTTP agent. */
  public List<String> registeredNames() {
    return versions.keySet().stream().sorted().toList();
  }

  @Override
  public Optional<Agent> resolve(String reference) {
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    AgentProvider provider = builtins.providers().get(name);
    if (provider != null) {
      return builtins
          .resolve(reference)
          .map(agent -> guard.guard(name + "@" + provider.version(), agent));
    }
    RegisteredAgent direct = named.get(name);
    if (direct != null) {
      return Optional.of(checkedClient(direct));
    }
    String range = at < 0 ? null : reference.substring(at + 1);
    return choose(name, range).map(this::checkedClient);
  }

  /**
   * Pins a reference to the version {@link #resolve} would call now; a reference that matches only
   * deprecated versions still pins (to the highest of them) and logs a warning.
   */
  @Override
  public Optional<String> pin(String reference) {
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    AgentProvider provider = builtins.providers().get(name);
    if (provider != null) {
      return builtins.pin(reference);
    }
    if (named.containsKey(name)) {
      return Optional.empty(); // one version, whatever the reference: resolved at each attempt
    }
    Optional<RegisteredAgent> chosen = choose(name, at < 0 ? null : reference.substring(at + 1));
    chosen
        .filter(RegisteredAgent::deprecated)
        .ifPresent(
            a ->
                log.warn(
                    "agent reference '{}' matches only deprecated versions; using {} ({})",
                    reference,
                    a.key(),
                    a.deprecation().reason().isEmpty()
                        ? "no reason given"
                        : a.deprecation().reason()));
    return chosen.map(RegisteredAgent::key);
  }

  /**
   * The version of {@code name} that {@code range} (null: any) picks: exactly that version when the
   * range is a registered version, else the highest matching one that is not deprecated, else the
   * highest deprecated one.
   */
  public Optional<RegisteredAgent> choose(String name, String range) {
    List<RegisteredAgent> candidates = registered(name);
    if (range != null) {
      Optional<RegisteredAgent> exact = registered(name, range);
      if (exact.isPresent()) {
        return exact;
      }
    }
    RegisteredAgent deprecated = null;
    for (int i = candidates.size() - 1; i >= 0; i--) {
      RegisteredAgent candidate = candidates.get(i);
      if (range == null || satisfies(candidate.version(), range)) {
        if (!candidate.deprecated()) {
          return Optional.of(candidate);
        }
        deprecated = deprecated == null ? candidate : deprecated;
      }
    }
    return Optional.ofNullable(deprecated);
  }

  /** The HTTP client of a registered version, shared by its calls and its health checks. */
  public HttpAgent client(RegisteredAgent agent) {
    return clients.computeIfAbsent(
        agent.key(), k -> new HttpAgent(URI.create(agent.url()), agent.secret(), outbound));
  }

  /** The client behind its schema checks and circuit guard, built once per version. */
  private Agent checkedClient(RegisteredAgent agent) {
    return checked.computeIfAbsent(
        agent.key(),
        key -> {
          Agent call = client(agent);
          Object output = agent.details().outputSchema();
          if (output != null) {
            call = SchemaGate.checkOutput(key, compile(output), call);
          }
          call = guard.guard(key, call);
          Object input = agent.details().inputSchema();
          if (input != null) {
            call = SchemaGate.checkInput(key, compile(input), call);
          }
          return call;
        });
  }

  // A stored schema may predate today's rules: compiling it never throws, and a call it cannot
  // check fails for good (SchemaGate) instead of breaking resolution.
  private static JsonSchemas.Compiled compile(Object schema) {
    return JsonSchemas.compileStored(ContractJson.mapper().valueToTree(schema));
  }

  private Optional<RegisteredAgent> replaced(Optional<RegisteredAgent> stored) {
    stored.ifPresent(
        next ->
            update(
                next.name(),
                known ->
                    known.stream()
                        .map(a -> a.version().equals(next.version()) ? next : a)
                        .toList()));
    return stored;
  }

  private void update(String name, UnaryOperator<List<RegisteredAgent>> change) {
    versions.compute(
        name,
        (n, known) -> {
          List<RegisteredAgent> updated =
              new ArrayList<>(change.apply(known == null ? List.of() : known));
          updated.sort(BY_VERSION);
          return List.copyOf(updated);
        });
  }

  private static boolean satisfies(String version, String range) {
    try {
      return Semver.parse(version).satisfies(range);
    } catch (RuntimeException e) {
      return false; // a range semver4j cannot read admits nothing
    }
  }
}
