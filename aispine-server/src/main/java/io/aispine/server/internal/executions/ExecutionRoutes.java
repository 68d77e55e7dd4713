package io.aispine.server.internal.executions;

import io.aispine.api.Page;
import io.aispine.api.Problem;
import io.aispine.api.StartRequest;
import io.aispine.engine.Engine;
import io.aispine.engine.ExecutionNotFinishedException;
import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.InvalidReplayException;
import io.aispine.engine.ReplayRequest;
import io.aispine.engine.RunRefusal;
import io.aispine.engine.RunRefusedException;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.flow.FlowVersion;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.internal.workspaces.WorkspaceFlows;
import io.aispine.server.internal.workspaces.WorkspaceQuotas;
import io.aispine.store.AuditTarget;
import io.aispine.store.ExecutionQuery;
import io.aispine.store.ExecutionStore;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /api/v1/executions} and starting executions of a flow. */
public final class ExecutionRoutes {

  private static final Pattern INPUT_NAME = Pattern.compile("input '([^']+)'");

  private final Engine engine;
  private final FlowStore flows;
  private final ExecutionStore executions;
  private final WorkspaceStore workspaces;
  private final WorkspaceQuotas quotas;

  public ExecutionRoutes(
      Engine engine,
      FlowStore flows,
      ExecutionStore executions,
      WorkspaceStore workspaces,
      WorkspaceQuotas quotas) {
    this.engine = engine;
    this.flows = flows;
    this.executions = executions;
    this.workspaces = workspaces;
    this.quotas = quotas;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/flows/{id}/executions", this::start);
    routes.get("/api/v1/executions", this::list);
    routes.get("/api/v1/executions/{id}", this::get);
    routes.get("/api/v1/executions/{id}/events", this::events);
    routes.post("/api/v1/executions/{id}/cancel", this::cancel);
    routes.post("/api/v1/executions/{id}/retry", this::retry);
    routes.post("/api/v1/executions/{id}/replay", this::replay);
  }

  private void start(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String flowId = ctx.pathParam("id");
    StartRequest request = RequestBodies.optionalJson(ctx, StartRequest.class);
    String workspace = Caller.of(ctx).workspace();
    StoredFlow stored = flowVersion(scoped(ctx), flowId, request.version());
    Flow flow = FlowParser.parse(stored.source(), stored.id() + "@" + stored.version());
    String id;
    try {
      // the quota check and the start are one step: concurrent starts cannot both fit the last
      // slot. HashMap: inputs may hold JSON nulls, which the engine reports as wrong types; the
      // entry's target is the new execution, which the start's commit names
      id =
          quotas.atomically(
              workspace,
              () -> {
                refuseOverQuota(ctx, workspace);
                return AuditTrail.within(
                    ctx, null, () -> engine.start(flow, new HashMap<>(request.inputs())));
              });
    } catch (InvalidInputsException e) {
      throw new ProblemException(invalidInputs(flow.ref(), e));
    }
    ExecutionState state = engine.execution(id).orElseThrow();
    ctx.header("Location", "/api/v1/executions/" + id);
    Json.write(ctx, 202, ExecutionViews.full(state, engine.runs(id)));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(
        ctx, Set.of("flow", "status", "since", "until", "limit", "cursor", "replay_of"));
    int limit = QueryParams.limit(ctx);
    String cursor = QueryParams.single(ctx, "cursor");
    var query =
        new ExecutionQuery(
            QueryParams.single(ctx, "flow"),
            statuses(ctx),
            QueryParams.instant(ctx, "since"),
            QueryParams.instant(ctx, "until"),
            cursor == null ? null : ExecutionCursor.decode(cursor),
            limit + 1,
            QueryParams.single(ctx, "replay_of"),
            Caller.of(ctx).workspace());
    List<ExecutionState> found = executions.list(query);
    List<ExecutionState> page = found.size() > limit ? found.subList(0, limit) : found;
    String next =
        found.size() > limit
            ? ExecutionCursor.encode(
                new ExecutionQuery.Position(page.getLast().createdAt(), page.getLast().id()))
            : null;
    Json.write(ctx, 200, new Page<>(page.stream().map(ExecutionViews::summary).toList(), next));
  }

  private void get(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ExecutionState state = existing(ctx, ctx.pathParam("id"));
    Json.write(ctx, 200, ExecutionViews.full(state, engine.runs(state.id())));
  }

  private void events(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("after", "cursor", "limit"));
    ExecutionState state = existing(ctx, ctx.pathParam("id"));
    int limit = QueryParams.limit(ctx);
    // "cursor" is the next_cursor of the previous page: the last sequence number it held
    long after =
        QueryParams.single(ctx, "cursor") != null
            ? QueryParams.longValue(ctx, "cursor", 0, 0, Long.MAX_VALUE)
            : QueryParams.longValue(ctx, "after", 0, 0, Long.MAX_VALUE);
    List<ExecutionEvent> events = engine.events(state.id(), after, limit + 1);
    List<ExecutionEvent> page = events.size() > limit ? events.subList(0, limit) : events;
    String next = events.size() > limit ? Long.toString(page.getLast().seq()) : null;
    Json.write(ctx, 200, new Page<>(page.stream().map(ExecutionViews::event).toList(), next));
  }

  private void cancel(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ExecutionState state = existing(ctx, ctx.pathParam("id"));
    if (state.status().terminal()) {
      throw new ProblemException(finished(state));
    }
    AuditTrail.within(
        ctx,
        new AuditTarget("execution", state.id()),
        () -> engine.cancel(state.id(), "cancelled through the API"));
    ExecutionState now = engine.execution(state.id()).orElse(state);
    if (now.status().terminal() && now.status() != ExecutionStatus.CANCELLED) {
      // it finished on its own before the cancel was applied
      throw new ProblemException(finished(now));
    }
    Json.write(ctx, 202, ExecutionViews.full(now, engine.runs(now.id())));
  }

  private void retry(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ExecutionState state = existing(ctx, ctx.pathParam("id"));
    if (state.status() != ExecutionStatus.FAILED
        || !AuditTrail.within(
            ctx, new AuditTarget("execution", state.id()), () -> engine.retry(state.id()))) {
      throw new ProblemException(
          Problem.conflict(
              "only a failed execution can be retried; "
                  + state.id()
                  + " is "
                  + engine.execution(state.id()).orElse(state).status().wireName()));
    }
    ExecutionState now = engine.execution(state.id()).orElse(state);
    Json.write(ctx, 202, ExecutionViews.full(now, engine.runs(now.id())));
  }

  private void replay(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    var body = RequestBodies.json(ctx, io.aispine.api.ReplayRequest.class);
    ExecutionState origin = existing(ctx, ctx.pathParam("id"));
    if (body.from() == null) {
      throw new ProblemException(
          Problem.badField(
              "/from",
              "field /from is required: the node to replay from, e.g. {\"from\": \"ocr\"}"));
    }
    String workspace = Caller.of(ctx).workspace();
    String id;
    try {
      // HashMap: JSON nulls are values here, which the engine reports as wrong types
      // the entry's target is the new execution, which the replay's commit names
      id =
          quotas.atomically(
              workspace,
              () -> {
                refuseOverQuota(ctx, workspace);
                return AuditTrail.within(
                    ctx,
                    null,
                    () ->
                        engine.replay(
                            origin.id(),
                            new ReplayRequest(
                                body.from(),
                                new HashMap<>(body.inputs()),
                                new HashMap<>(body.outputs()))));
              });
    } catch (InvalidReplayException e) {
      throw new ProblemException(Problem.badField(e.field(), e.getMessage()));
    } catch (InvalidInputsException e) {
      throw new ProblemException(invalidInputs(origin.flowId() + "@" + origin.flowVersion(), e));
    } catch (ExecutionNotFinishedException e) {
      throw new ProblemException(Problem.conflict(e.getMessage()));
    }
    ExecutionState state = engine.execution(id).orElseThrow();
    ctx.header("Location", "/api/v1/executions/" + id);
    Json.write(ctx, 202, ExecutionViews.full(state, engine.runs(id)));
  }

  private void refuseOverQuota(Context ctx, String workspace) {
    var exceeded = quotas.beforeStart(workspace);
    if (exceeded.isPresent()) {
      throw exceeded.get().answer(ctx, quotas.clock().instant());
    }
  }

  private FlowStore scoped(Context ctx) {
    return new WorkspaceFlows(flows, workspaces, Caller.of(ctx).workspace());
  }

  /** The execution, if it exists in the caller's workspace: another's reads as missing. */
  private ExecutionState existing(Context ctx, String id) {
    Caller caller = Caller.of(ctx);
    return engine
        .execution(id)
        .filter(s -> caller.owns(workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, id)))
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "no execution '"
                            + Printable.clip(id)
                            + "'; GET /api/v1/executions lists them")));
  }

  private static StoredFlow flowVersion(FlowStore flows, String flowId, String version) {
    if (version == null) {
      return newestApproved(flows, flowId);
    }
    if (!FlowVersion.isValid(version)) {
      throw new ProblemException(
          Problem.badField(
              "/version",
              "field /version must be a semantic version like 1.2.0, got '"
                  + Printable.clip(version)
                  + "'"));
    }
    return flows
        .find(flowId, version)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "flow "
                            + Printable.clip(flowId)
                            + " has no version "
                            + version
                            + "; GET /api/v1/flows/"
                            + Printable.clip(flowId)
                            + "/versions lists them")));
  }

  /**
   * The newest approved version: deploying a new draft does not change what an unversioned start
   * runs until the draft is approved.
   */
  private static StoredFlow newestApproved(FlowStore flows, String flowId) {
    List<StoredFlow> versions = flows.versions(flowId);
    if (versions.isEmpty()) {
      throw new ProblemException(
          Problem.notFound(
              "no flow '"
                  + Printable.clip(flowId)
                  + "' is deployed; deploy it with POST /api/v1/flows first"));
    }
    Optional<StoredFlow> approved = flows.newestApproved(flowId);
    if (approved.isPresent()) {
      return approved.get();
    }
    Map<String, FlowReview> reviews = flows.reviews(flowId);
    StoredFlow newest = versions.getLast();
    String ref = newest.id() + "@" + newest.version();
    throw new RunRefusedException(
        new RunRefusal(
            RunRefusal.Reason.NONE_APPROVED,
            newest.id(),
            "flow "
                + newest.id()
                + " has no approved version (newest: "
                + ref
                + ", "
                + reviews.get(newest.version()).status().wireName()
                + "); approve one with 'aispine flow approve "
                + ref
                + "' (POST /api/v1/flows/"
                + newest.id()
                + "/versions/"
                + newest.version()
                + "/approve)"));
  }

  private static Set<ExecutionStatus> statuses(Context ctx) {
    Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
    for (String value : ctx.queryParams("status")) {
      for (String name : value.split(",")) {
        try {
          statuses.add(ExecutionStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ProblemException(
              Problem.badParameter(
                  "status",
                  "query parameter 'status' must be running, succeeded, failed or cancelled, got '"
                      + Printable.clip(name)
                      + "'"));
        }
      }
    }
    return statuses;
  }

  private static Problem invalidInputs(String flowRef, InvalidInputsException e) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String problem : e.problems()) {
      Matcher name = INPUT_NAME.matcher(problem);
      errors.add(
          Problem.FieldError.at(name.find() ? "/inputs/" + name.group(1) : "/inputs", problem));
    }
    return Problem.of(
            422,
            "invalid-inputs",
            "The inputs do not match the flow",
            "invalid inputs for flow " + flowRef + ": " + String.join("; ", e.problems()))
        .withErrors(errors);
  }

  private static Problem finished(ExecutionState state) {
    return Problem.conflict(
        "execution " + state.id() + " already finished (" + state.status().wireName() + ")");
  }
}
