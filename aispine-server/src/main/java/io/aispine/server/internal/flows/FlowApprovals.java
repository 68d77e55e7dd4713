package io.aispine.server.internal.flows;

import io.aispine.api.FlowDecision;
import io.aispine.api.FlowDiff;
import io.aispine.api.Problem;
import io.aispine.api.RejectFlowRequest;
import io.aispine.flow.FlowVersion;
import io.aispine.log.LogContext;
import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.auth.Role;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.ApiKey;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStatus;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's routes on flow versions: approve a draft (showing what it changes against the last
 * approved version), reject one with a reason, and read the diff beforehand. RouteRoles gives
 * deciding to admin keys; under four eyes the approver must be another key than the author.
 */
final class FlowApprovals {

  private static final Logger log = LoggerFactory.getLogger(FlowApprovals.class);

  /** The longest reason a rejection may carry. */
  static final int MAX_REASON = 4000;

  private final FlowStore flows;
  private final Function<Context, ? extends FlowStore> scope;
  private final InstantSource clock;
  private final ReviewPolicy policy;

  /**
   * @param scope the flows a request may see (its key's workspace): a version of another workspace
   *     answers 404 like one that does not exist
   */
  FlowApprovals(
      FlowStore flows,
      Function<Context, ? extends FlowStore> scope,
      InstantSource clock,
      ReviewPolicy policy) {
    this.flows = flows;
    this.scope = scope;
    this.clock = clock;
    this.policy = policy;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/flows/{id}/versions/{version}/approve", this::approve);
    routes.post("/api/v1/flows/{id}/versions/{version}/reject", this::reject);
    routes.get("/api/v1/flows/{id}/versions/{version}/diff", this::diff);
  }

  /**
   * Refuses {@code approve=true} on a deployment unless this server lets authors approve their own
   * drafts and the key may approve at all.
   */
  void requireSelfApproval(ApiKey key) {
    // the route itself is an operator's (deploying a draft); approving on the way is an admin's
    if (key != null && !Role.of(key.role()).includes(Role.ADMIN)) {
      throw new ProblemException(
          Problem.forbidden(
              "approve=true approves the version too, which takes an admin key; this key's role is "
                  + key.role()
                  + ": deploy without approve=true and have an admin approve the draft"));
    }
    if (!policy.selfApproval()) {
      throw new ProblemException(
          Problem.forbidden(
              "this server requires four eyes (AISPINE_FLOW_APPROVAL=four-eyes), so a deployment"
                  + " cannot approve itself: deploy without approve=true, then have another key"
                  + " approve it with 'aispine flow approve ID@VERSION'"));
    }
  }

  /** Approves a version its deployer just deployed with {@code approve=true}; logged as such. */
  void approveOwnDeployment(String id, String version, ApiKey key) {
    FlowReview review = flows.review(id, version).orElseThrow();
    if (review.status() == FlowStatus.APPROVED) {
      return;
    }
    if (review.status() == FlowStatus.REJECTED) {
      throw new ProblemException(Problem.conflict(rejected(id, version, review)));
    }
    if (flows.approve(id, version, keyId(key), clock.instant())) {
      log.info(
          "approved flow {} version {} on deployment by its author {}", id, version, keyId(key));
    }
  }

  private void approve(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    StoredFlow stored = stored(ctx);
    FlowReview review = flows.review(stored.id(), stored.version()).orElseThrow();
    requireDraft(stored, review);
    if (!policy.selfApproval() && review.author() != null && review.author().equals(keyId(key))) {
      throw new ProblemException(
          Problem.forbidden(
              "this server requires four eyes: "
                  + ref(stored)
                  + " was deployed by key "
                  + review.author()
                  + ", which may not approve it too; ask another admin to run 'aispine flow"
                  + " approve "
                  + ref(stored)
                  + "'"));
    }
    FlowDiff diff = SourceDiff.of(stored, lastApproved(stored).orElse(null));
    if (!flows.approve(stored.id(), stored.version(), keyId(key), clock.instant())) {
      // another decision won the race between the read above and this write
      requireDraft(stored, flows.review(stored.id(), stored.version()).orElseThrow());
    }
    try (var ids = LogContext.set(LogContext.FLOW, ref(stored))) {
      log.info(
          "approved flow {} by {} (+{} -{} lines against {})",
          ref(stored),
          keyId(key),
          diff.added(),
          diff.removed(),
          diff.against() == null ? "nothing approved before" : diff.against());
    }
    FlowReview now = flows.review(stored.id(), stored.version()).orElseThrow();
    Json.write(
        ctx, 200, new FlowDecision(stored.id(), stored.version(), FlowViews.review(now), diff));
  }

  private void reject(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    RejectFlowRequest body = RequestBodies.json(ctx, RejectFlowRequest.class);
    String reason = body.reason() == null ? "" : body.reason().strip();
    if (reason.isEmpty()) {
      throw new ProblemException(
          Problem.badField(
              "/reason",
              "field /reason is required: say why the version must not run, e.g. {\"reason\":"
                  + " \"calls the production CRM\"}"));
    }
    if (reason.length() > MAX_REASON) {
      throw new ProblemException(
          Problem.badField("/reason", "field /reason may hold at most " + MAX_REASON + " chars"));
    }
    StoredFlow stored = stored(ctx);
    if (!flows.reject(stored.id(), stored.version(), keyId(key), clock.instant(), reason)) {
      FlowReview review = flows.review(stored.id(), stored.version()).orElseThrow();
      throw new ProblemException(Problem.conflict(rejected(stored.id(), stored.version(), review)));
    }
    log.info("rejected flow {} by {}: {}", ref(stored), keyId(key), reason);
    FlowReview now = flows.review(stored.id(), stored.version()).orElseThrow();
    Json.write(
        ctx, 200, new FlowDecision(stored.id(), stored.version(), FlowViews.review(now), null));
  }

  private void diff(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("against"));
    StoredFlow stored = stored(ctx);
    String against = QueryParams.single(ctx, "against");
    StoredFlow base =
        against == null
            ? lastApproved(stored).orElse(null)
            : flows
                .find(stored.id(), against)
                .orElseThrow(
                    () ->
                        new ProblemException(
                            Problem.badParameter(
                                "against",
                                "flow "
                                    + Printable.clip(stored.id())
                                    + " has no version '"
                                    + Printable.clip(against)
                                    + "' to compare with")));
    Json.write(ctx, 200, SourceDiff.of(stored, base));
  }

  /** The newest approved version of the flow other than {@code stored}, by semantic version. */
  private Optional<StoredFlow> lastApproved(StoredFlow stored) {
    Map<String, FlowReview> reviews = flows.reviews(stored.id());
    return reviews.entrySet().stream()
        .filter(e -> e.getValue().status() == FlowStatus.APPROVED)
        .map(Map.Entry::getKey)
        .filter(v -> !v.equals(stored.version()))
        .max(Comparator.comparing(FlowVersion::parse))
        .flatMap(v -> flows.find(stored.id(), v));
  }

  private StoredFlow stored(Context ctx) {
    String id = ctx.pathParam("id");
    String version = ctx.pathParam("version");
    Optional<StoredFlow> stored =
        FlowVersion.isValid(version) ? scope.apply(ctx).find(id, version) : Optional.empty();
    return stored.orElseThrow(
        () ->
            new ProblemException(
                Problem.notFound(
                    "flow "
                        + Printable.clip(id)
                        + " has no version '"
                        + Printable.clip(version)
                        + "'; GET /api/v1/flows/"
                        + Printable.clip(id)
                        + "/versions lists them")));
  }

  private static void requireDraft(StoredFlow stored, FlowReview review) {
    switch (review.status()) {
      case DRAFT -> {}
      case APPROVED ->
          throw new ProblemException(
              Problem.conflict(
                  ref(stored)
                      + " is already approved (by "
                      + review.decidedBy()
                      + " at "
                      + review.decidedAt()
                      + ")"));
      case REJECTED ->
          throw new ProblemException(
              Problem.conflict(rejected(stored.id(), stored.version(), review)));
    }
  }

  private static String rejected(String id, String version, FlowReview review) {
    return id
        + "@"
        + version
        + " was rejected"
        + (review.reason() == null ? "" : " (" + review.reason() + ")")
        + " and cannot be approved; deploy a new version";
  }

  private static String keyId(ApiKey key) {
    return key == null ? "unknown" : key.id();
  }

  private static String ref(StoredFlow stored) {
    return stored.id() + "@" + stored.version();
  }
}
