package io.aispine.server.internal.audit;

import io.aispine.api.AuditVerification;
import io.aispine.api.Page;
import io.aispine.api.Problem;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.auth.Role;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.store.AuditEntry;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/audit}: the audit log, oldest first (a workspace admin reads its workspace's
 * entries, the owner every workspace's), and {@code GET /api/v1/audit/verify}: its hash chain
 * checked from the first entry (the owner's: the chain runs through every workspace's entries).
 * {@link io.aispine.server.internal.auth.RouteRoles} says who may call them.
 */
public final class AuditRoutes {

  private static final Set<String> OUTCOMES = Set.of("ok", "refused", "error");

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/audit", this::list);
    routes.get("/api/v1/audit/verify", this::verify);
  }

  private void verify(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    AuditLog.Verification found = audit.verify();
    Json.write(
        ctx,
        200,
        found.broken() == null
            ? new AuditVerification(true, found.sound(), null, null)
            : new AuditVerification(
                false, found.sound(), found.broken().seq(), found.broken().reason()));
  }

  private void list(Context ctx) {
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
    Caller caller = Caller.of(ctx);
    int limit = QueryParams.limit(ctx);
    // "cursor" is the next_cursor of the previous page: the last sequence number it held
    long after = QueryParams.longValue(ctx, "cursor", 0, 0, Long.MAX_VALUE);
    List<AuditEntry> found =
        audit.list(
            new AuditQuery(
                // the owner reads the server's log; a workspace admin only its workspace's entries
                caller.role() == Role.OWNER ? null : caller.workspace(),
                QueryParams.instant(ctx, "since"),
                QueryParams.single(ctx, "action"),
                outcome,
                after,
                limit + 1));
    List<AuditEntry> page = found.size() > limit ? found.subList(0, limit) : found;
    Json.write(
        ctx,
        200,
        new Page<>(
            page.stream().map(AuditRoutes::view).toList(),
            found.size() > limit ? Long.toString(page.getLast().seq()) : null));
  }

  /** An entry on the wire: every field the chain hashes, named as in the canonical JSON. */
  static io.aispine.api.AuditEntry view(AuditEntry entry) {
    AuditEvent e = entry.event();
    return new io.aispine.api.AuditEntry(
        entry.seq(),
        e.at(),
        e.workspace(),
        e.actor().keyId(),
        e.actor().role(),
        e.actor().source(),
        e.action(),
        e.target() == null ? null : e.target().type(),
        e.target() == null ? null : e.target().id(),
        e.outcome().name(),
        e.outcome().status(),
        e.requestId(),
        e.hashes().before(),
        e.hashes().after(),
        entry.prevHash(),
        entry.hash());
  }
}
