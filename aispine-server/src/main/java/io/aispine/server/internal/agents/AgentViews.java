package io.aispine.server.internal.agents;

import io.aispine.agent.AgentProvider;
import io.aispine.agents.runtime.AgentCatalog;
import io.aispine.agents.runtime.AgentHealth;
import io.aispine.agents.runtime.CircuitBreakers;
import io.aispine.store.AgentDetails;
import io.aispine.store.AgentLimits;
import io.aispine.store.AgentPricing;
import io.aispine.store.RegisteredAgent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON of agents and their versions (docs/api.md, "Agents"); never a secret. */
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
  Map<String, Object> registered(String name) {
    List<RegisteredAgent> versions = catalog.registered(name);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", name);
    view.put("kind", "http");
    view.put("description", versions.isEmpty() ? "" : versions.getLast().description());
    // what an unranged reference ('name') would call now
    view.put("latest", catalog.choose(name, null).map(RegisteredAgent::version).orElse(null));
    List<Map<String, Object>> list = new ArrayList<>();
    for (RegisteredAgent agent : versions) {
      list.add(version(agent));
    }
    view.put("versions", list);
    addControls(view, name);
    return view;
  }

  /** One registered version: its manifest, deprecation, health and circuit. */
  Map<String, Object> version(RegisteredAgent agent) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", agent.name());
    v.put("version", agent.version());
    v.put("url", agent.url());
    v.put("description", agent.description());
    v.put("signed", agent.secret() != null); // the secret itself never leaves the server
    v.put("created_at", agent.createdAt());
    AgentDetails d = agent.details();
    v.put("category", d.category());
    v.put("tags", d.tags());
    v.put("input_schema", d.inputSchema());
    v.put("output_schema", d.outputSchema());
    v.put("sample_input", d.sampleInput());
    v.put("pricing", pricing(d.pricing()));
    v.put("limits", limits(d.limits()));
    v.put("sensitive", d.sensitive());
    v.put("sensitive_actions", d.sensitiveActions());
    v.put("deprecated", agent.deprecated());
    v.put("deprecated_at", agent.deprecated() ? agent.deprecation().at() : null);
    v.put("deprecation_reason", agent.deprecated() ? agent.deprecation().reason() : null);
    addHealth(v, agent.key());
    v.put("drained", controls.drained(agent.name(), agent.version()));
    return v;
  }

  /** A built-in agent: one version, no manifest. */
  Map<String, Object> builtin(AgentProvider provider) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", provider.name());
    view.put("kind", "builtin");
    view.put("description", provider.description());
    view.put("latest", provider.version());
    view.put("versions", List.of(builtinVersion(provider)));
    addControls(view, provider.name());
    return view;
  }

  /** The one version of a built-in agent. */
  Map<String, Object> builtinVersion(AgentProvider provider) {
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("name", provider.name());
    version.put("version", provider.version());
    version.put("created_at", null);
    version.put("deprecated", false);
    addHealth(version, provider.name() + "@" + provider.version());
    version.put("drained", controls.drained(provider.name(), provider.version()));
    return version;
  }

  private void addHealth(Map<String, Object> version, String agentKey) {
    version.put("health", health.view(agentKey));
    version.put("circuit", circuits.view(agentKey).toMap());
  }

  /** Whether every version is drained, and the limits in force (override, manifest or default). */
  private void addControls(Map<String, Object> view, String name) {
    view.put("drained", controls.drainedEveryVersion(name));
    view.put("limits", controls.limitsView(name));
  }

  private static Map<String, Object> pricing(AgentPricing p) {
    if (p == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("model", p.model());
    putIfSet(view, "usd_per_call", p.usdPerCall());
    putIfSet(view, "usd_per_input_token", p.usdPerInputToken());
    putIfSet(view, "usd_per_output_token", p.usdPerOutputToken());
    return view;
  }

  private static Map<String, Object> limits(AgentLimits l) {
    if (l == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    putIfSet(view, "rate_per_minute", l.ratePerMinute());
    putIfSet(view, "max_concurrency", l.maxConcurrency());
    return view;
  }

  private static void putIfSet(Map<String, Object> view, String key, Object value) {
    if (value != null) {
      view.put(key, value);
    }
  }
}
