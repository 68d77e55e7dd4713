package io.aispine.sdk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entries {@link AispineClient#listAudit} returns, oldest first.
 *
 * @param since only entries recorded at or after this time, or null
 * @param action only this action (e.g. {@code execution.start}), or null
 * @param outcome only this outcome: ok, refused or error; or null
 * @param limit the page size (1–500), or null for the server's default
 * @param cursor the {@link io.aispine.api.Page#nextCursor()} of the previous page, or null
 */
public record AuditQuery(
    Instant since, String action, String outcome, Integer limit, String cursor) {

  public AuditQuery {
    if (limit != null && (limit < 1 || limit > 500)) {
      throw new IllegalArgumentException("limit must be between 1 and 500, got " + limit);
    }
  }

  /** Every entry, oldest first. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null);
  }

  /** Only entries recorded at or after {@code time}. */
  public AuditQuery withSince(Instant time) {
    return new AuditQuery(time, action, outcome, limit, cursor);
  }

  /** Only entries of this action. */
  public AuditQuery withAction(String name) {
    return new AuditQuery(since, name, outcome, limit, cursor);
  }

  /** Only entries with this outcome: ok, refused or error. */
  public AuditQuery withOutcome(String name) {
    return new AuditQuery(since, action, name, limit, cursor);
  }

  /** At most this many per page (1–500). */
  public AuditQuery withLimit(Integer pageSize) {
    return new AuditQuery(since, action, outcome, pageSize, cursor);
  }

  /** The page after the one that returned this cursor. */
  public AuditQuery withCursor(String nextCursor) {
    return new AuditQuery(since, action, outcome, limit, nextCursor);
  }

  /** The query parameters in a stable order. */
  Map<String, List<String>> parameters() {
    var params = new LinkedHashMap<String, List<String>>();
    if (since != null) {
      params.put("since", List.of(since.toString()));
    }
    if (action != null) {
      params.put("action", List.of(action));
    }
    if (outcome != null) {
      params.put("outcome", List.of(outcome));
    }
    if (limit != null) {
      params.put("limit", List.of(limit.toString()));
    }
    if (cursor != null) {
      params.put("cursor", List.of(cursor));
    }
    return params;
  }
}
