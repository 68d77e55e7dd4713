package io.aispine.server.internal.agents;

import io.aispine.agent.AgentProvider;
import io.aispine.agents.runtime.AgentCatalog;
import io.aispine.agents.runtime.AgentHealth;
import io.aispine.agents.runtime.CircuitBreakers;
import io.aispine.api.Agent;
import io.aispine.api.AgentVersion;
import io.aispine.api.Circuit;
import io.aispine.api.Health;
import io.aispine.api.Limits;
import io.aispine.api.Pricing;
import io.aispine.store.AgentDetails;
import io.aispine.store.AgentLimits;
import io.aispine.store.AgentPricing;
import io.aispine.store.RegisteredAgent;
import java.util.List;

/** Agents and their versions as the API shows them ({@code io.aispine.api}); never a secret. */
final class AgentViews {

  private final AgentCatalog catalog;
  private final AgentHealth health;
  private final CircuitBreakers circuits;
  private final AgentControlRoutes controls;

  AgentViews(
      AgentCatalog catalog,
      AgentHealth health,
      CircuitBreakers circuits,
      AgentControlRoutes controls) {
    this.catalog = catalog;
    this.health = health;
    this.circuits = circuits;
    this.controls = controls;
  }

  /** A registered agent with every version, oldest first. */
  Agent registered(String name) {
    List<RegisteredAgent> versions = catalog.registered(name);
    return new Agent(
        name,
        "http",
        versions.isEmpty() ? "" : versions.getLast().description(),
        // what an unranged reference ('name') would call now
        catalog.choose(name, null).map(RegisteredAgent::version).orElse(null),
        versions.stream().map(this::version).toList(),
        controls.drainedEveryVersion(name),
        controls.limitsView(name));
  }

  /** One registered version: its manifest, deprecation, health and circuit. */
  AgentVersion version(RegisteredAgent agent) {
    AgentDetails d = agent.details();
    String key = agent.key();
    return new AgentVersion(
        agent.name(),
        agent.version(),
        agent.url(),
        agent.description(),
        agent.secret() != null, // the secret itself never leaves the server
        agent.createdAt(),
        d.category(),
        d.tags(),
        d.inputSchema(),
        d.outputSchema(),
        d.sampleInput(),
        pricing(d.pricing()),
        limits(d.limits()),
        d.sensitive(),
        d.sensitiveActions(),
        agent.deprecated(),
        agent.deprecated() ? agent.deprecation().at() : null,
        agent.deprecated() ? agent.deprecation().reason() : null,
        health(key),
        circuit(key),
        controls.drained(agent.name(), agent.version()));
  }

  /** A built-in agent: one version, no manifest. */
  Agent builtin(AgentProvider provider) {
    return new Agent(
        provider.name(),
        "builtin",
        provider.description(),
        provider.version(),
        List.of(builtinVersion(provider)),
        controls.drainedEveryVersion(provider.name()),
        controls.limitsView(provider.name()));
  }

  /** The one version of a built-in agent: it runs in the server, so it has no URL or manifest. */
  AgentVersion builtinVersion(AgentProvider provider) {
    String key = provider.name() + "@" + provider.version();
    return new AgentVersion(
        provider.name(),
        provider.version(),
        null,
        provider.description(),
        false,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        false,
        List.of(),
        false,
        null,
        null,
        health(key),
        circuit(key),
        controls.drained(provider.name(), provider.version()));
  }

  /** The health of {@code name@version}: the last check combined with its circuit. */
  Health health(String agentKey) {
    // AgentHealth combines the check with the circuit into the state; the rest is the check's
    String state = (String) health.view(agentKey).get("state");
    return health
        .last(agentKey)
        .map(c -> new Health(state, c.latencyMs(), c.lastError(), c.checkedAt()))
        .orElse(new Health(state, null, null, null));
  }

  /** The circuit of {@code name@version}. */
  Circuit circuit(String agentKey) {
    return circuit(circuits.view(agentKey));
  }

  static Circuit circuit(CircuitBreakers.View view) {
    return new Circuit(view.state(), view.failures(), view.openUntil(), view.rejected());
  }

  private static Pricing pricing(AgentPricing p) {
    return p == null
        ? null
        : new Pricing(p.model(), p.usdPerCall(), p.usdPerInputToken(), p.usdPerOutputToken());
  }

  private static Limits limits(AgentLimits l) {
    return l == null ? null : new Limits(l.ratePerMinute(), l.maxConcurrency());
  }
}
