package io.aispine.server.internal.agents;

import io.aispine.agent.AgentProvider;
import io.aispine.agents.remote.HealthReport;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.internal.resilience.AgentHealth;
import io.aispine.server.internal.resilience.CircuitBreakers;
import io.aispine.store.AgentConflictException;
import io.aispine.store.RegisteredAgent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * {@code /api/v1/agents}: register HTTP agents, list and show agents with the health and circuit of
 * each version, check their health now, reset a circuit.
 */
public final class AgentRoutes {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  private final AgentCatalog catalog;
  private final AgentHealth health;
  private final CircuitBreakers circuits;
  private final InstantSource clock;
  private final AgentControlRoutes controls;

  public AgentRoutes(
      AgentCatalog catalog,
      AgentHealth health,
      CircuitBreakers circuits,
      InstantSource clock,
      AgentControlRoutes controls) {
    this.catalog = catalog;
    this.health = health;
    this.circuits = circuits;
    this.clock = clock;
    this.controls = controls;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/agents", this::registerAgent);
    routes.get("/api/v1/agents", this::list);
    routes.get("/api/v1/agents/{name}", this::show);
    routes.post("/api/v1/agents/{name}/health-check", this::healthCheck);
    routes.post("/api/v1/agents/{name}/circuit/reset", this::resetCircuit);
  }

  private void registerAgent(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    RegisterRequest request = RequestBodies.json(ctx, RegisterRequest.class);
    String name = required(request.name(), "/name");
    if (!NAME.matcher(name).matches()) {
      throw bad(
          "/name",
          "field /name must be lower case letters, digits, '-' or '_', starting with a letter, at most 63 characters");
    }
    String version = required(request.version(), "/version");
    if (Semver.parse(version) == null) {
      throw bad(
          "/version",
          "field /version must be a semantic version like 1.2.0, got '"
              + Printable.clip(version)
              + "'");
    }
    String url = required(request.url(), "/url");
    checkUrl(url);
    if (request.secret() != null && request.secret().isBlank()) {
      throw bad("/secret", "field /secret must not be blank; leave it out for unsigned calls");
    }
    if (catalog.builtins().providers().containsKey(name)) {
      throw new ProblemException(
          Problem.conflict(
              "'" + name + "' is a built-in agent; register the HTTP agent under another name"));
    }
    boolean existed = catalog.registered(name).stream().anyMatch(a -> a.version().equals(version));
    try {
      catalog.register(
          new RegisteredAgent(
              name, version, url, request.description(), request.secret(), clock.instant()));
    } catch (AgentConflictException e) {
      throw new ProblemException(Problem.conflict(e.getMessage()));
    }
    ctx.header("Location", "/api/v1/agents/" + name);
    Json.write(ctx, existed ? 200 : 201, registeredView(name));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    List<Map<String, Object>> items = new ArrayList<>();
    catalog.builtins().providers().values().stream()
        .sorted(java.util.Comparator.comparing(AgentProvider::name))
        .forEach(p -> items.add(builtinView(p)));
    for (String name : catalog.registeredNames()) {
      items.add(registeredView(name));
    }
    Json.write(ctx, 200, Map.of("items", items));
  }

  private void show(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String name = ctx.pathParam("name");
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null) {
      Json.write(ctx, 200, builtinView(builtin));
      return;
    }
    if (catalog.registered(name).isEmpty()) {
      throw new ProblemException(Problem.notFound(noAgent(name)));
    }
    Json.write(ctx, 200, registeredView(name));
  }

  private void healthCheck(Context ctx) throws InterruptedException {
    QueryParams.allowOnly(ctx, Set.of("version"));
    String name = ctx.pathParam("name");
    Map<String, Object> body = new LinkedHashMap<>();
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null) {
      // built-ins run in this process: if the server answers, they are up
      health.check(builtin);
      String key = builtin.name() + "@" + builtin.version();
      body.put("status", "ok");
      body.put("version", builtin.version());
      body.put("latency_ms", 0);
      body.put("checked_at", clock.instant());
      body.put("health", health.view(key));
      body.put("circuit", circuits.view(key).toMap());
      Json.write(ctx, 200, body);
      return;
    }
    RegisteredAgent agent = registeredVersion(name, QueryParams.single(ctx, "version"));
    String key = agent.name() + "@" + agent.version();
    health.check(agent);
    AgentHealth.Check check = health.last(key).orElseThrow();
    body.put("status", check.answered() ? "ok" : HealthReport.DOWN);
    body.put("version", agent.version());
    body.put("latency_ms", check.latencyMs());
    if (!check.answered()) {
      body.put("error", check.lastError());
    }
    body.put("checked_at", check.checkedAt());
    body.put("health", health.view(key));
    body.put("circuit", circuits.view(key).toMap());
    Json.write(ctx, 200, body);
  }

  private void resetCircuit(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("version"));
    String name = ctx.pathParam("name");
    String version;
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null) {
      version = builtin.version();
    } else {
      version = registeredVersion(name, QueryParams.single(ctx, "version")).version();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("version", version);
    body.put("circuit", circuits.reset(name + "@" + version).toMap());
    Json.write(ctx, 200, body);
  }

  private RegisteredAgent registeredVersion(String name, String version) {
    return (version == null
            ? catalog.highestMatching(name, null)
            : catalog.registered(name).stream()
                .filter(a -> a.version().equals(version))
                .findFirst())
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        version == null
                            ? noAgent(name)
                            : "agent '"
                                + Printable.clip(name)
                                + "' has no registered version '"
                                + Printable.clip(version)
                                + "'")));
  }

  private Map<String, Object> registeredView(String name) {
    List<RegisteredAgent> versions = catalog.registered(name);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", name);
    view.put("kind", "http");
    view.put("description", versions.isEmpty() ? "" : versions.getLast().description());
    List<Map<String, Object>> list = new ArrayList<>();
    for (RegisteredAgent agent : versions) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("version", agent.version());
      v.put("url", agent.url());
      v.put("description", agent.description());
      v.put("signed", agent.secret() != null); // the secret itself never leaves the server
      v.put("created_at", agent.createdAt());
      addHealth(v, name, agent.version());
      list.add(v);
    }
    view.put("versions", list);
    addControls(view, name);
    return view;
  }

  private void addHealth(Map<String, Object> version, String name, String number) {
    String agentKey = name + "@" + number;
    version.put("health", health.view(agentKey));
    version.put("circuit", circuits.view(agentKey).toMap());
    version.put("drained", controls.drained(name, number));
  }

  private void addControls(Map<String, Object> view, String name) {
    view.put("drained", controls.drainedEveryVersion(name));
    view.put("limits", controls.limitsView(name));
  }

  private Map<String, Object> builtinView(AgentProvider provider) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", provider.name());
    view.put("kind", "builtin");
    view.put("description", provider.description());
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("version", provider.version());
    version.put("created_at", null);
    addHealth(version, provider.name(), provider.version());
    view.put("versions", List.of(version));
    addControls(view, provider.name());
    return view;
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(url, "not absolute http(s)");
      }
      if (uri.getUserInfo() != null) {
        throw bad(
            "/url", "field /url must not carry credentials; use the secret field to sign calls");
      }
    } catch (URISyntaxException e) {
      throw bad(
          "/url",
          "field /url must be an absolute http:// or https:// URL, got '"
              + Printable.clip(url)
              + "'");
    }
  }

  private static String required(String value, String pointer) {
    if (value == null || value.isBlank()) {
      throw bad(pointer, "field " + pointer + " is required");
    }
    return value.strip();
  }

  private static ProblemException bad(String pointer, String detail) {
    return new ProblemException(Problem.badField(pointer, detail));
  }

  private static String noAgent(String name) {
    return "no agent '" + Printable.clip(name) + "'; GET /api/v1/agents lists them";
  }
}
