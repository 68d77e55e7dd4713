package io.aispine.server.internal.flows;

import io.aispine.api.FlowSummary;
import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.flow.FlowProblem;
import io.aispine.flow.FlowValidationException;
import io.aispine.flow.FlowVersion;
import io.aispine.log.LogContext;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.internal.workspaces.WorkspaceFlows;
import io.aispine.store.ApiKey;
import io.aispine.store.AuditTarget;
import io.aispine.store.FlowConflictException;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/flows}: deploy flow versions (as drafts, which cannot run until approved) and read
 * them back. {@code ?approve=true} deploys and approves in one step where self-approval is allowed.
 */
public final class FlowRoutes {

  private static final Logger log = LoggerFactory.getLogger(FlowRoutes.class);

  private static final Set<String> YAML_TYPES =
      Set.of("application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml");

  private final FlowStore store;
  private final WorkspaceStore workspaces;
  private final Predicate<String> agentExists;
  private final InstantSource clock;
  private final FlowApprovals approvals;
  private final FlowDescriptions descriptions = new FlowDescriptions();

  /**
   * @param agentExists whether an agent name is built in or registered; a flow naming another is
   *     invalid
   */
  public FlowRoutes(
      FlowStore store,
      WorkspaceStore workspaces,
      Predicate<String> agentExists,
      InstantSource clock,
      ReviewPolicy policy) {
    this.store = store;
    this.workspaces = workspaces;
    this.agentExists = agentExists;
    this.clock = clock;
    this.approvals = new FlowApprovals(store, this::scoped, clock, policy);
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/flows", this::deploy);
    routes.get("/api/v1/flows", this::latest);
    routes.get("/api/v1/flows/{id}", this::latestOne);
    routes.get("/api/v1/flows/{id}/versions", this::versions);
    routes.get("/api/v1/flows/{id}/versions/{version}", this::version);
    approvals.register(routes);
  }

  private void deploy(Context ctx) {
    WorkspaceFlows flows = scoped(ctx);
    QueryParams.allowOnly(ctx, Set.of("approve"));
    boolean approve = QueryParams.flag(ctx, "approve");
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    if (approve) {
      approvals.requireSelfApproval(key);
    }
    RequestBodies.requireMediaType(ctx, YAML_TYPES);
    String yaml = RequestBodies.text(ctx);
    Flow flow;
    try {
      flow = FlowParser.parse(yaml, "flow", visibleAgent(flows));
    } catch (FlowValidationException e) {
      throw new ProblemException(invalid(e.problems()));
    }
    String version = flow.version().text();
    if (flows.takenElsewhere(flow.id())) {
      // flow ids are server-wide (executions and subflows name flows by id alone)
      throw new ProblemException(
          Problem.conflict(
              "flow id '" + flow.id() + "' cannot be used in this workspace; choose another id"));
    }
    Optional<StoredFlow> existing = flows.find(flow.id(), version);
    if (existing.isPresent()) {
      if (!existing.get().source().equals(yaml)) {
        throw new ProblemException(Problem.conflict(conflictMessage(flow)));
      }
      log.debug("flow {} version {} deployed again, unchanged", flow.id(), version);
      if (approve) {
        approvals.approveOwnDeployment(flow.id(), version, key);
      }
      Json.write(ctx, 200, view(existing.get(), flow));
      return;
    }
    StoredFlow stored = new StoredFlow(flow.id(), version, yaml, clock.instant());
    try {
      AuditTrail.within(
          ctx,
          new AuditTarget("flow", flow.id() + "@" + version),
          () -> flows.deploy(stored, key == null ? null : key.id()));
    } catch (FlowConflictException e) {
      throw new ProblemException(Problem.conflict(conflictMessage(flow)));
    }
    StoredFlow saved = flows.find(flow.id(), version).orElse(stored);
    try (var ids = LogContext.set(LogContext.FLOW, flow.id() + "@" + version)) {
      log.info(
          "deployed flow {} version {} ({} nodes) as a draft",
          flow.id(),
          version,
          flow.nodes().size());
      if (approve) {
        approvals.approveOwnDeployment(flow.id(), version, key);
      }
    }
    ctx.header("Location", "/api/v1/flows/" + flow.id() + "/versions/" + version);
    Json.write(ctx, 201, view(saved, flow));
  }

  private io.aispine.api.FlowVersion view(StoredFlow stored, Flow flow) {
    return FlowViews.version(
        stored, flow, store.review(stored.id(), stored.version()).orElse(null));
  }

  private void latest(Context ctx) {
    WorkspaceFlows flows = scoped(ctx);
    QueryParams.allowOnly(ctx, Set.of());
    List<FlowSummary> items =
        flows.latest().stream()
            .map(
                s ->
                    FlowViews.summary(
                        s, descriptions.of(s), flows.review(s.id(), s.version()).orElse(null)))
            .toList();
    Json.write(ctx, 200, new Items<>(items));
  }

  private void latestOne(Context ctx) {
    WorkspaceFlows flows = scoped(ctx);
    QueryParams.allowOnly(ctx, Set.of());
    String id = ctx.pathParam("id");
    List<StoredFlow> versions = flows.versions(id);
    if (versions.isEmpty()) {
      throw new ProblemException(Problem.notFound(noFlow(id)));
    }
    StoredFlow latest = versions.getLast();
    Json.write(ctx, 200, view(latest, parseStored(latest)));
  }

  private void versions(Context ctx) {
    WorkspaceFlows flows = scoped(ctx);
    QueryParams.allowOnly(ctx, Set.of());
    String id = ctx.pathParam("id");
    List<StoredFlow> versions = flows.versions(id);
    if (versions.isEmpty()) {
      throw new ProblemException(Problem.notFound(noFlow(id)));
    }
    Map<String, FlowReview> reviews = flows.reviews(id);
    List<FlowSummary> items =
        versions.stream()
            .map(s -> FlowViews.summary(s, descriptions.of(s), reviews.get(s.version())))
            .toList();
    Json.write(ctx, 200, new Items<>(items));
  }

  private void version(Context ctx) {
    WorkspaceFlows flows = scoped(ctx);
    QueryParams.allowOnly(ctx, Set.of());
    String id = ctx.pathParam("id");
    String version = ctx.pathParam("version");
    if (!FlowVersion.isValid(version)) {
      throw new ProblemException(
          Problem.notFound(
              "flow "
                  + Printable.clip(id)
                  + " has no version '"
                  + Printable.clip(version)
                  + "' (versions look like 1.2.0)"));
    }
    StoredFlow stored =
        flows
            .find(id, version)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound(
                            "flow "
                                + Printable.clip(id)
                                + " has no version "
                                + version
                                + "; GET /api/v1/flows/"
                                + Printable.clip(id)
                                + "/versions lists them")));
    Json.write(ctx, 200, view(stored, parseStored(stored)));
  }

  private WorkspaceFlows scoped(Context ctx) {
    return new WorkspaceFlows(store, workspaces, Caller.of(ctx).workspace());
  }

  /** Agents a flow of this workspace may name: built in, the default workspace's, its own. */
  private Predicate<String> visibleAgent(WorkspaceFlows flows) {
    return name -> agentExists.test(name) && flows.mayUseAgent(name);
  }

  /** A stored flow was valid when deployed; agents are not re-checked when reading it back. */
  static Flow parseStored(StoredFlow stored) {
    return FlowParser.parse(stored.source(), stored.id() + "@" + stored.version());
  }

  private static Problem invalid(List<FlowProblem> problems) {
    boolean syntax = problems.stream().allMatch(p -> p.message().startsWith("YAML syntax error"));
    List<Problem.FieldError> errors =
        problems.stream()
            .map(p -> Problem.FieldError.inSource(p.pointer(), p.line(), p.column(), p.message()))
            .toList();
    String detail =
        problems.size() == 1
            ? problems.getFirst().toString()
            : problems.size() + " problems in the flow; the first: " + problems.getFirst();
    // docs/api.md: YAML syntax is a 400 like malformed JSON; a flow that parses but is wrong, 422
    Problem problem =
        syntax
            ? Problem.badRequest(detail)
            : Problem.of(422, "invalid-flow", "The flow is invalid", detail);
    return problem.withErrors(errors);
  }

  private static String conflictMessage(Flow flow) {
    return "flow "
        + flow.id()
        + " version "
        + flow.version()
        + " is already deployed with other content; bump the version to change it";
  }

  private static String noFlow(String id) {
    return "no flow '" + Printable.clip(id) + "' is deployed; GET /api/v1/flows lists them";
  }
}
