package io.aispine.server.internal.approvals;

import io.aispine.api.AnswerRequest;
import io.aispine.api.Page;
import io.aispine.api.Problem;
import io.aispine.engine.Engine;
import io.aispine.execution.ApprovalStatus;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.ApiKey;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.ApprovalStore;
import io.aispine.store.AuditTarget;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code /api/v1/approvals}: the approvals executions wait for, and answering them. Any key may
 * read them; answering takes a key whose role is one of the approval's approvers (admin always).
 */
public final class ApprovalRoutes {

  /** The longest comment an answer may carry. */
  static final int MAX_COMMENT = 4000;

  private final Engine engine;
  private final ApprovalStore approvals;
  private final WorkspaceStore workspaces;

  public ApprovalRoutes(Engine engine, ApprovalStore approvals, WorkspaceStore workspaces) {
    this.engine = engine;
    this.approvals = approvals;
    this.workspaces = workspaces;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/approvals", this::list);
    routes.get("/api/v1/approvals/{id}", this::get);
    routes.post("/api/v1/approvals/{id}/approve", ctx -> answer(ctx, true));
    routes.post("/api/v1/approvals/{id}/reject", ctx -> answer(ctx, false));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("status", "execution", "limit", "cursor"));
    int limit = QueryParams.limit(ctx);
    String cursor = QueryParams.single(ctx, "cursor");
    var query =
        new ApprovalQuery(
            statuses(ctx),
            QueryParams.single(ctx, "execution"),
            cursor == null ? null : ApprovalCursor.decode(cursor),
            limit + 1,
            Caller.of(ctx).workspace());
    List<Approval> found = approvals.list(query);
    List<Approval> page = found.size() > limit ? found.subList(0, limit) : found;
    String next =
        found.size() > limit
            ? ApprovalCursor.encode(
                new ApprovalQuery.Position(page.getLast().createdAt(), page.getLast().id()))
            : null;
    Json.write(ctx, 200, new Page<>(page.stream().map(ApprovalViews::of).toList(), next));
  }

  private void get(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, ApprovalViews.of(existing(ctx, ctx.pathParam("id"))));
  }

  private void answer(Context ctx, boolean approve) {
    QueryParams.allowOnly(ctx, Set.of());
    Approval approval = existing(ctx, ctx.pathParam("id"));
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    mayAnswer(key, approval);
    AnswerRequest request = RequestBodies.optionalJson(ctx, AnswerRequest.class);
    String comment = comment(request);
    if (approval.status().terminal()) {
      throw new ProblemException(notPending(approval));
    }
    boolean applied;
    try {
      applied =
          AuditTrail.within(
              ctx,
              new AuditTarget("approval", approval.id()),
              () -> engine.answerApproval(approval.id(), approve, comment, key.name(), key.id()));
    } catch (NoSuchElementException e) {
      throw new ProblemException(notFound(approval.id()));
    }
    Approval now = approvals.find(approval.id()).orElse(approval);
    if (!applied) {
      // answered, expired or cancelled between the read above and the answer
      throw new ProblemException(notPending(now));
    }
    Json.write(ctx, 200, ApprovalViews.of(now));
  }

  private static void mayAnswer(ApiKey key, Approval approval) {
    if (key.role().equals("viewer")) {
      throw new ProblemException(
          Problem.forbidden(
              "API key '"
                  + key.name()
                  + "' is a viewer key: it may read approvals but not answer them; use an"
                  + " operator or admin key"));
    }
    boolean admin = key.role().equals("admin") || key.role().equals("owner");
    if (!admin && !approval.approvers().contains(key.role())) {
      throw new ProblemException(
          Problem.forbidden(
              "approval "
                  + approval.id()
                  + " may be answered by "
                  + String.join(", ", approval.approvers())
                  + " keys (and admin); API key '"
                  + key.name()
                  + "' is "
                  + key.role()));
    }
  }

  private static String comment(AnswerRequest request) {
    String comment = request.comment();
    if (comment == null || comment.isBlank()) {
      return null;
    }
    if (comment.length() > MAX_COMMENT) {
      throw new ProblemException(
          Problem.badField(
              "/comment",
              "field /comment must be at most "
                  + MAX_COMMENT
                  + " characters, got "
                  + comment.length()));
    }
    return comment.strip();
  }

  /** The approval, if it exists in the caller's workspace: another's reads as missing. */
  private Approval existing(Context ctx, String id) {
    Caller caller = Caller.of(ctx);
    return approvals
        .find(id)
        .filter(a -> caller.owns(workspaces.ownerOf(WorkspaceStore.Owned.APPROVAL, id)))
        .orElseThrow(() -> new ProblemException(notFound(id)));
  }

  private static Problem notFound(String id) {
    return Problem.notFound(
        "no approval '" + Printable.clip(id) + "'; GET /api/v1/approvals lists them");
  }

  private static Problem notPending(Approval approval) {
    String how =
        switch (approval.status()) {
          case APPROVED, REJECTED ->
              approval.status().wireName()
                  + " by "
                  + approval.answeredBy()
                  + " at "
                  + approval.answeredAt();
          case EXPIRED -> "expired at " + approval.answeredAt() + " (nobody answered in time)";
          case CANCELLED -> "cancelled with its execution at " + approval.answeredAt();
          case PENDING -> "no longer waiting for an answer";
        };
    return Problem.conflict("approval " + approval.id() + " was already " + how);
  }

  private static Set<ApprovalStatus> statuses(Context ctx) {
    Set<ApprovalStatus> statuses = EnumSet.noneOf(ApprovalStatus.class);
    for (String value : ctx.queryParams("status")) {
      for (String name : value.split(",")) {
        ApprovalStatus status = ApprovalStatus.fromWire(name.strip());
        if (status == null) {
          throw new ProblemException(
              Problem.badParameter(
                  "status",
                  "query parameter 'status' must be one of "
                      + String.join(
                          ", ",
                          Arrays.stream(ApprovalStatus.values())
                              .map(ApprovalStatus::wireName)
                              .toList())
                      + ", got '"
                      + Printable.clip(name)
                      + "'"));
        }
        statuses.add(status);
      }
    }
    return statuses;
  }
}
