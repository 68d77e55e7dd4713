package io.aispine.sdk;

import io.aispine.api.ApprovalStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which approvals {@link AispineClient#listApprovals} returns, newest first.
 *
 * @param statuses only approvals in one of these statuses; empty for any
 * @param execution only approvals of this execution id, or null
 * @param limit the page size (1–500), or null for the server's default
 * @param cursor the {@link Page#nextCursor()} of the previous page, or null for the first
 */
public record ApprovalQuery(
    List<ApprovalStatus> statuses, String execution, Integer limit, String cursor) {

  /** Copies the statuses; a missing list means any status. */
  public ApprovalQuery {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    if (limit != null && (limit < 1 || limit > 500)) {
      throw new IllegalArgumentException("limit must be between 1 and 500, got " + limit);
    }
  }

  /** Every approval, newest first. */
  public static ApprovalQuery all() {
    return new ApprovalQuery(List.of(), null, null, null);
  }

  /** The approvals waiting for an answer, newest first. */
  public static ApprovalQuery pending() {
    return all().withStatuses(List.of(ApprovalStatus.PENDING));
  }

  /** Only approvals in one of these statuses. */
  public ApprovalQuery withStatuses(List<ApprovalStatus> anyOf) {
    return new ApprovalQuery(anyOf, execution, limit, cursor);
  }

  /** Only approvals of this execution. */
  public ApprovalQuery withExecution(String executionId) {
    return new ApprovalQuery(statuses, executionId, limit, cursor);
  }

  /** At most this many per page (1–500). */
  public ApprovalQuery withLimit(Integer pageSize) {
    return new ApprovalQuery(statuses, execution, pageSize, cursor);
  }

  /** The page after the one that returned this cursor. */
  public ApprovalQuery withCursor(String nextCursor) {
    return new ApprovalQuery(statuses, execution, limit, nextCursor);
  }

  /** The query parameters in a stable order. */
  Map<String, List<String>> parameters() {
    var params = new LinkedHashMap<String, List<String>>();
    if (!statuses.isEmpty()) {
      var names = new ArrayList<String>();
      statuses.forEach(s -> names.add(s.wireName()));
      params.put("status", names);
    }
    if (execution != null) {
      params.put("execution", List.of(execution));
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
