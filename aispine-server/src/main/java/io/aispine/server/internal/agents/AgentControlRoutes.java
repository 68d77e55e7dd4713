package io.aispine.server.internal.agents;

import io.aispine.agent.AgentProvider;
import io.aispine.agents.runtime.AgentCatalog;
import io.aispine.agents.runtime.AgentLimits;
import io.aispine.agents.runtime.ConcurrencyLimits;
import io.aispine.agents.runtime.Drains;
import io.aispine.agents.runtime.RateLimits;
import io.aispine.api.AgentCall;
import io.aispine.api.AgentDrain;
import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.execution.NodeRun;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.executions.ExecutionViews;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.AgentControls;
import io.aispine.store.AuditTarget;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What operators do to agents beyond registering them: set their limits, drain and undrain them,
 * read their recent calls ({@code /api/v1/agents/{name}/limits|drain|undrain|calls}). Also renders
 * the {@code limits} and {@code drained} parts of the agent views.
 */
public final class AgentControlRoutes {

  private final AgentCatalog catalog;
  private final AgentLimits limits;
  private final Drains drains;
  private final ConcurrencyLimits concurrency;
  private final RateLimits rates;
  private final AgentControls store;
  private final InstantSource clock;

  public AgentControlRoutes(
      AgentCatalog catalog,
      AgentLimits limits,
      Drains drains,
      ConcurrencyLimits concurrency,
      RateLimits rates,
      AgentControls store,
      InstantSource clock) {
    this.catalog = catalog;
    this.limits = limits;
    this.drains = drains;
    this.concurrency = concurrency;
    this.rates = rates;
    this.store = store;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/agents/{name}/limits", this::getLimits);
    routes.put("/api/v1/agents/{name}/limits", this::putLimits);
    routes.post("/api/v1/agents/{name}/drain", ctx -> drain(ctx, true));
    routes.post("/api/v1/agents/{name}/undrain", ctx -> drain(ctx, false));
    routes.get("/api/v1/agents/{name}/calls", this::calls);
  }

  /** The limits in force for an agent (every version together) and where they come from. */
  public io.aispine.api.AgentLimits limitsView(String name) {
    AgentLimits.Effective effective = limits.effective(name);
    Optional<AgentControls.Limits> own = limits.override(name);
    boolean rated = effective.ratePerMinute() > 0;
    return new io.aispine.api.AgentLimits(
        name,
        rated ? effective.ratePerMinute() : null,
        effective.maxConcurrency() == 0 ? null : effective.maxConcurrency(),
        new io.aispine.api.AgentLimits.Sources(
            effective.rateSource(), effective.concurrencySource()),
        new io.aispine.api.AgentLimits.Override(
            own.map(AgentControls.Limits::ratePerMinute).orElse(null),
            own.map(AgentControls.Limits::maxConcurrency).orElse(null)),
        concurrency.inFlight(name),
        rated ? rates.remaining(name).orElse((long) effective.ratePerMinute()) : null);
  }

  /** True when calls to {@code name@version} are drained (the version or the whole agent). */
  public boolean drained(String name, String version) {
    return drains.of(name, version).isPresent();
  }

  /** True when every version of {@code name} is drained. */
  public boolean drainedEveryVersion(String name) {
    return drains.ofEveryVersion(name).isPresent();
  }

  private void getLimits(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String name = existing(ctx.pathParam("name"));
    Json.write(ctx, 200, limitsView(name));
  }

  private void putLimits(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    LimitsRequest request = RequestBodies.json(ctx, LimitsRequest.class);
    String name = existing(ctx.pathParam("name"));
    AuditTrail.within(
        ctx,
        new AuditTarget("agent", name),
        () -> limits.set(name, request.ratePerMinute(), request.maxConcurrency(), clock.instant()));
    Json.write(ctx, 200, limitsView(name));
  }

  private void drain(Context ctx, boolean drain) {
    QueryParams.allowOnly(ctx, Set.of("version"));
    String name = existing(ctx.pathParam("name"));
    String version = QueryParams.single(ctx, "version");
    if (version != null && !hasVersion(name, version)) {
      throw new ProblemException(
          Problem.notFound(
              "agent '"
                  + Printable.clip(name)
                  + "' has no version '"
                  + Printable.clip(version)
                  + "'"));
    }
    var target = new AuditTarget("agent", name);
    if (drain) {
      AuditTrail.within(ctx, target, () -> drains.drain(name, version, clock.instant()));
    } else {
      AuditTrail.within(ctx, target, () -> drains.undrain(name, version));
    }
    Json.write(
        ctx,
        200,
        new AgentDrain(
            name,
            version,
            version == null ? drainedEveryVersion(name) : drained(name, version),
            drains.of(name, version).map(AgentControls.Drain::drainedAt).orElse(null)));
  }

  private void calls(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("limit"));
    String name = existing(ctx.pathParam("name"));
    int limit = QueryParams.limit(ctx);
    List<AgentCall> items =
        store.recentCalls(name, limit).stream().map(AgentControlRoutes::call).toList();
    Json.write(ctx, 200, new Items<>(items));
  }

  private static AgentCall call(NodeRun run) {
    return new AgentCall(
        run.executionId(),
        run.path(),
        run.attempt(),
        run.status().wireName(),
        run.agent(),
        run.startedAt(),
        run.finishedAt(),
        run.finishedAt() == null
            ? null
            : Duration.between(run.startedAt(), run.finishedAt()).toMillis(),
        ExecutionViews.error(run.error()));
  }

  private String existing(String name) {
    if (!catalog.exists(name)) {
      throw new ProblemException(
          Problem.notFound(
              "no agent '" + Printable.clip(name) + "'; GET /api/v1/agents lists them"));
    }
    return name;
  }

  private boolean hasVersion(String name, String version) {
    AgentProvider builtin = catalog.builtins().providers().get(name);
    if (builtin != null) {
      return builtin.version().equals(version);
    }
    return catalog.registered(name).stream().anyMatch(a -> a.version().equals(version));
  }
}
