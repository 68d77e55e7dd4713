package io.aispine.server.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentProvider;
import io.aispine.agents.remote.HealthReport;
import io.aispine.agents.runtime.AgentCatalog;
import io.aispine.agents.runtime.AgentHealth;
import io.aispine.agents.runtime.CircuitBreakers;
import io.aispine.api.Agent;
import io.aispine.api.Circuit;
import io.aispine.api.CircuitReset;
import io.aispine.api.DeprecateRequest;
import io.aispine.api.HealthCheck;
import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.internal.workspaces.WorkspaceQuotas;
import io.aispine.store.AgentConflictException;
import io.aispine.store.AuditTarget;
import io.aispine.store.RegisteredAgent;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code /api/v1/agents}: register HTTP agent versions from their manifests, list and show agents
 * with the manifest, deprecation, health and circuit of each version, deprecate a version, check
 * health now, reset a circuit.
 */
public final class AgentRoutes {

  private final AgentCatalog catalog;
  private final AgentHealth health;
  private final CircuitBreakers circuits;
  private final InstantSource clock;
  private final AgentViews views;
  private final ManifestRegistration registration;
  private final WorkspaceStore workspaces;
  private final WorkspaceQuotas quotas;

  public AgentRoutes(
      AgentCatalog catalog,
      AgentHealth health,
      CircuitBreakers circuits,
      InstantSource clock,
      AgentControlRoutes controls,
      WorkspaceStore workspaces,
      WorkspaceQuotas quotas) {
    this.workspaces = workspaces;
    this.quotas = quotas;
    this.catalog = catalog;
    this.health = health;
    this.circuits = circuits;
    this.clock = clock;
    this.views = new AgentViews(catalog, health, circuits, controls);
    this.registration = new ManifestRegistration(catalog.outbound());
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/agents", this::registerAgent);
    routes.get("/api/v1/agents", this::list);
    routes.get("/api/v1/agents/{name}", this::show);
    routes.get("/api/v1/agents/{name}/versions/{version}", this::showVersion);
    routes.post("/api/v1/agents/{name}/versions/{version}/deprecate", this::deprecate);
    routes.post("/api/v1/agents/{name}/versions/{version}/undeprecate", this::undeprecate);
    routes.post("/api/v1/agents/{name}/health-check", this::healthCheck);
    routes.post("/api/v1/agents/{name}/circuit/reset", this::resetCircuit);
  }

  private void registerAgent(Context ctx) throws InterruptedException {
    QueryParams.allowOnly(ctx, Set.of());
    RegisteredAgent agent =
        registration.parse(RequestBodies.json(ctx, JsonNode.class), clock.instant());
    String name = agent.name();
    if (catalog.builtins().providers().containsKey(name)) {
      throw new ProblemException(
          Problem.conflict(
              "'" + name + "' is a built-in agent; register the HTTP agent under another name"));
    }
    String workspace = Caller.of(ctx).workspace();
    Optional<String> owner = workspaces.ownerOf(WorkspaceStore.Owned.AGENT, name);
    if (owner.isPresent() && !owner.get().equals(workspace)) {
      // agent names are server-wide: flows name agents without a workspace
      throw new ProblemException(
          Problem.conflict(
              "agent name '" + name + "' cannot be used in this workspace; choose another name"));
    }
    boolean existed = catalog.registered(name, agent.version()).isPresent();
    // the quota check, the registration and the claim are one step: concurrent registrations of
    // new names cannot both fit the workspace's last private agent
    quotas.atomically(
        workspace,
        () -> {
          if (owner.isEmpty()) {
            var exceeded = quotas.beforeNewAgent(workspace);
            if (exceeded.isPresent()) {
              throw exceeded.get().answer(ctx, clock.instant());
            }
          }
          try {
            AuditTrail.within(
                ctx,
                new AuditTarget("agent_version", name + "@" + agent.version()),
                () -> catalog.register(agent));
          } catch (AgentConflictException e) {
            throw new ProblemException(Problem.conflict(e.getMessage()));
          }
          if (!workspace.equals(Workspace.DEFAULT)) {
            workspaces.claimAgent(name, agent.version(), workspace);
          }
          return null;
        });
    ctx.header("Location", "/api/v1/agents/" + name);
    Json.write(ctx, existed ? 200 : 201, views.registered(name));
  }

  private void showVersion(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String name = ctx.pathParam("name");
    String version = ctx.pathParam("version");
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null && builtin.version().equals(version)) {
      Json.write(ctx, 200, views.builtinVersion(builtin));
      return;
    }
    Json.write(ctx, 200, views.version(registeredVersion(name, version)));
  }

  private void deprecate(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    DeprecateRequest request = RequestBodies.optionalJson(ctx, DeprecateRequest.class);
    String reason = request.reason() == null ? "" : request.reason().strip();
    if (reason.length() > 500) {
      throw bad("/reason", "field /reason must be at most 500 characters");
    }
    changeDeprecation(
        ctx, (name, version) -> catalog.deprecate(name, version, reason, clock.instant()));
  }

  private void undeprecate(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    changeDeprecation(ctx, catalog::undeprecate);
  }

  private void changeDeprecation(
      Context ctx, BiFunction<String, String, Optional<RegisteredAgent>> change) {
    String name = ctx.pathParam("name");
    String version = ctx.pathParam("version");
    if (catalog.builtins().providers().containsKey(name)) {
      throw new ProblemException(
          Problem.conflict(
              "'"
                  + name
                  + "' is a built-in agent; only registered HTTP agent versions are deprecated"));
    }
    registeredVersion(name, version);
    RegisteredAgent changed =
        AuditTrail.within(
                ctx,
                new AuditTarget("agent_version", name + "@" + version),
                () -> change.apply(name, version))
            .orElseThrow(() -> noVersion(name, version));
    Json.write(ctx, 200, views.version(changed));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    List<Agent> items = new ArrayList<>();
    catalog.builtins().providers().values().stream()
        .sorted(Comparator.comparing(AgentProvider::name))
        .forEach(p -> items.add(views.builtin(p)));
    var scope = new AgentScope(workspaces, catalog::exists);
    String workspace = Caller.of(ctx).workspace();
    for (String name : catalog.registeredNames()) {
      if (scope.visible(workspace, name)) {
        items.add(views.registered(name));
      }
    }
    Json.write(ctx, 200, new Items<>(items));
  }

  private void show(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String name = ctx.pathParam("name");
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null) {
      Json.write(ctx, 200, views.builtin(builtin));
      return;
    }
    if (catalog.registered(name).isEmpty()) {
      throw new ProblemException(Problem.notFound(noAgent(name)));
    }
    Json.write(ctx, 200, views.registered(name));
  }

  private void healthCheck(Context ctx) throws InterruptedException {
    QueryParams.allowOnly(ctx, Set.of("version"));
    String name = ctx.pathParam("name");
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null) {
      // built-ins run in this process: if the server answers, they are up
      health.check(builtin);
      String key = builtin.name() + "@" + builtin.version();
      Json.write(
          ctx,
          200,
          new HealthCheck(
              "ok",
              builtin.version(),
              0,
              null,
              clock.instant(),
              views.health(key),
              views.circuit(key)));
      return;
    }
    RegisteredAgent agent = registeredVersion(name, QueryParams.single(ctx, "version"));
    String key = agent.name() + "@" + agent.version();
    health.check(agent);
    AgentHealth.Check check = health.last(key).orElseThrow();
    Json.write(
        ctx,
        200,
        new HealthCheck(
            check.answered() ? "ok" : HealthReport.DOWN,
            agent.version(),
            check.latencyMs(),
            check.answered() ? null : check.lastError(),
            check.checkedAt(),
            views.health(key),
            views.circuit(key)));
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
    Circuit circuit = AgentViews.circuit(circuits.reset(name + "@" + version));
    Json.write(ctx, 200, new CircuitReset(name, version, circuit));
  }

  private RegisteredAgent registeredVersion(String name, String version) {
    if (version == null) {
      return catalog
          .choose(name, null)
          .orElseThrow(() -> new ProblemException(Problem.notFound(noAgent(name))));
    }
    return catalog.registered(name, version).orElseThrow(() -> noVersion(name, version));
  }

  private ProblemException noVersion(String name, String version) {
    if (catalog.registered(name).isEmpty()) {
      return new ProblemException(Problem.notFound(noAgent(name)));
    }
    return new ProblemException(
        Problem.notFound(
            "agent '"
                + Printable.clip(name)
                + "' has no registered version '"
                + Printable.clip(version)
                + "'; it has "
                + String.join(
                    ", ",
                    catalog.registered(name).stream().map(RegisteredAgent::version).toList())));
  }

  private static ProblemException bad(String pointer, String detail) {
    return new ProblemException(Problem.badField(pointer, detail));
  }

  static String noAgent(String name) {
    return "no agent '" + Printable.clip(name) + "'; GET /api/v1/agents lists them";
  }
}
