package io.aispine.store;

import io.aispine.execution.ApprovalStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which approvals to list, newest first: filters, where the previous page ended, and how many.
 *
 * @param statuses only approvals in one of these statuses; empty for all
 * @param executionId only approvals of this execution, or null
 * @param after the last approval of the previous page (exclusive), or null for the first page
 * @param limit the most approvals to return, at least 1
 * @param workspace only approvals of this workspace, or null for all
 */
public record ApprovalQuery(
    Set<ApprovalStatus> statuses, String executionId, Position after, int limit, String workspace) {

  public ApprovalQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  /** A query of every workspace. */
  public ApprovalQuery(
      Set<ApprovalStatus> statuses, String executionId, Position after, int limit) {
    this(statuses, executionId, after, limit, null);
  }

  /** A place in the newest-first order: approvals sort by creation time, then id. */
  public record Position(Instant createdAt, String id) {
    public Position {
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(id, "id");
    }
  }
}
