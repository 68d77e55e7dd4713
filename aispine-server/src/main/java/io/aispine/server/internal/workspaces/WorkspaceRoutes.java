package io.aispine.server.internal.workspaces;

import io.aispine.api.CreateWorkspaceRequest;
import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.api.QuotaRequest;
import io.aispine.api.QuotaUse;
import io.aispine.api.WorkspaceInfo;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.Plan;
import io.aispine.store.Quotas;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/workspace} (the caller's own, with its quotas and use) and {@code
 * /api/v1/workspaces} (every workspace, for the server's owner).
 */
public final class WorkspaceRoutes {

  private final WorkspaceStore workspaces;
  private final WorkspaceQuotas quotas;

  public WorkspaceRoutes(WorkspaceStore workspaces, WorkspaceQuotas quotas) {
    this.workspaces = workspaces;
    this.quotas = quotas;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/workspace", this::own);
    routes.get("/api/v1/workspaces", this::list);
    routes.post("/api/v1/workspaces", this::create);
    routes.get("/api/v1/workspaces/{id}", this::show);
    routes.put("/api/v1/workspaces/{id}/quota", this::quota);
  }

  private void own(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, view(existing(Caller.of(ctx).workspace())));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, new Items<>(workspaces.list().stream().map(this::view).toList()));
  }

  private void show(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, view(existing(ctx.pathParam("id"))));
  }

  private void create(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    CreateWorkspaceRequest request = RequestBodies.json(ctx, CreateWorkspaceRequest.class);
    String id = request.id();
    if (id == null || !Workspace.ID.matcher(id).matches()) {
      throw new ProblemException(
          Problem.badField(
              "/id",
              "workspace id '"
                  + Printable.clip(String.valueOf(id))
                  + "' is not valid: a lower-case letter, then up to 62 lower-case letters,"
                  + " digits or '-' (like acme-prod)"));
    }
    Plan plan = request.plan() == null ? Plan.FREE : plan(request.plan());
    String name = request.name() == null || request.name().isBlank() ? id : request.name().strip();
    var workspace =
        new Workspace(id, name, plan, Workspace.QuotaOverrides.NONE, quotas.clock().instant());
    if (!workspaces.create(workspace)) {
      throw new ProblemException(
          Problem.conflict(
              "workspace '" + id + "' exists; GET /api/v1/workspaces/" + id + " shows it"));
    }
    ctx.header("Location", "/api/v1/workspaces/" + id);
    Json.write(ctx, 201, view(workspace));
  }

  private void quota(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String id = ctx.pathParam("id");
    existing(id);
    QuotaRequest request = RequestBodies.json(ctx, QuotaRequest.class);
    if (request.plan() == null) {
      throw new ProblemException(
          Problem.badField("/plan", "say the plan: " + String.join(", ", planNames())));
    }
    var overrides =
        new Workspace.QuotaOverrides(
            request.apiCallsPerMinute(),
            request.executionsPerMonth(),
            request.executionsRunning(),
            request.privateAgents());
    Workspace changed =
        workspaces
            .update(id, plan(request.plan()), overrides)
            .orElseThrow(() -> new ProblemException(notFound(id)));
    quotas.changed(id);
    Json.write(ctx, 200, view(changed));
  }

  private Workspace existing(String id) {
    return workspaces.find(id).orElseThrow(() -> new ProblemException(notFound(id)));
  }

  private WorkspaceInfo view(Workspace workspace) {
    Quotas limits = workspace.quotas();
    String id = workspace.id();
    Instant monthStart =
        YearMonth.from(quotas.clock().instant().atOffset(ZoneOffset.UTC))
            .atDay(1)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    List<QuotaUse> uses =
        List.of(
            new QuotaUse("api_calls_per_minute", limits.apiCallsPerMinute(), null),
            new QuotaUse(
                "executions_per_month",
                limits.executionsPerMonth(),
                workspaces.executionsCreatedSince(id, monthStart)),
            new QuotaUse(
                "executions_running", limits.executionsRunning(), workspaces.executionsRunning(id)),
            new QuotaUse(
                "private_agents", limits.privateAgents(), (long) workspaces.agentNames(id).size()));
    return new WorkspaceInfo(
        id, workspace.name(), workspace.plan().wireName(), workspace.createdAt(), uses);
  }

  private static Plan plan(String name) {
    return Plan.named(name)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.badField(
                        "/plan",
                        "plan '"
                            + Printable.clip(name)
                            + "' is unknown: use "
                            + String.join(", ", planNames()))));
  }

  private static List<String> planNames() {
    return Arrays.stream(Plan.values()).map(Plan::wireName).toList();
  }

  private static Problem notFound(String id) {
    return Problem.notFound(
        "no workspace '" + Printable.clip(id) + "'; GET /api/v1/workspaces lists them");
  }
}
