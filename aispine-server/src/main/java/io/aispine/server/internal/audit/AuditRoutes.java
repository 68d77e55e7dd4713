package io.aispine.server.internal.audit;

import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.store.ApiKey;
import io.aispine.store.AuditEntry;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v1/audit}: the audit log, oldest first, for admin keys only. */
public final class AuditRoutes {

  private static final Set<String> OUTCOMES = Set.of("ok", "refused", "error");

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/audit", this::list);
  }

  private void list(Context ctx) {
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    if (key == null || !key.role().equals("admin")) {
      throw new ProblemException(
          Problem.forbidden("the audit log is for admin keys; this key's role is " + role(key)));
    }
    QueryParams.allowOnly(ctx, Set.of("since", "action", "outcome", "limit", "cursor"));
    String outcome = QueryParams.single(ctx, "outcome");
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw new ProblemException(
          Problem.badParameter(
              "outcome",
              "query parameter 'outcome' must be ok, refused or error, got '"
                  + Printable.clip(outcome)
                  + "'"));
    }
    int limit = QueryParams.limit(ctx);
    // "cursor" is the next_cursor of the previous page: the last sequence number it held
    long after = QueryParams.longValue(ctx, "cursor", 0, 0, Long.MAX_VALUE);
    List<AuditEntry> found =
        audit.list(
            new AuditQuery(
                QueryParams.instant(ctx, "since"),
                QueryParams.single(ctx, "action"),
                outcome,
                after,
                limit + 1));
    List<AuditEntry> page = found.size() > limit ? found.subList(0, limit) : found;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.stream().map(AuditRoutes::view).toList());
    body.put("next_cursor", found.size() > limit ? Long.toString(page.getLast().seq()) : null);
    Json.write(ctx, 200, body);
  }

  private static String role(ApiKey key) {
    return key == null ? "none" : key.role();
  }

  /** An entry on the wire: every field the chain hashes, named as in the canonical JSON. */
  static Map<String, Object> view(AuditEntry entry) {
    AuditEvent e = entry.event();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("seq", entry.seq());
    view.put("at", e.at().toString());
    view.put("workspace", e.workspace());
    view.put("key_id", e.actor().keyId());
    view.put("role", e.actor().role());
    view.put("source", e.actor().source());
    view.put("action", e.action());
    view.put("target_type", e.target() == null ? null : e.target().type());
    view.put("target_id", e.target() == null ? null : e.target().id());
    view.put("outcome", e.outcome().name());
    view.put("status", e.outcome().status());
    view.put("request_id", e.requestId());
    view.put("before_hash", e.hashes().before());
    view.put("after_hash", e.hashes().after());
    view.put("prev_hash", entry.prevHash());
    view.put("hash", entry.hash());
    return view;
  }
}
