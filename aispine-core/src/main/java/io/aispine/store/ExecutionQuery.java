package io.aispine.store;

import io.aispine.execution.ExecutionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which executions to list, newest first: filters, where the previous page ended, and how many.
 *
 * @param flowId only executions of this flow, or null for all
 * @param statuses only executions in one of these statuses; empty for all
 * @param since only executions created at or after this instant, or null
 * @param until only executions created before this instant, or null
 * @param after the last execution of the previous page (exclusive), or null for the first page
 * @param limit the most executions to return, at least 1
 * @param replayOf only the replays of this execution, or null for all
 * @param workspace only executions of this workspace, or null for all
 */
public record ExecutionQuery(
    String flowId,
    Set<ExecutionStatus> statuses,
    Instant since,
    Instant until,
    Position after,
    int limit,
    String replayOf,
    String workspace) {

  public ExecutionQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  /** A query without the replay filter. */
  public ExecutionQuery(
      String flowId,
      Set<ExecutionStatus> statuses,
      Instant since,
      Instant until,
      Position after,
      int limit) {
    this(flowId, statuses, since, until, after, limit, null, null);
  }

  /** A query of every workspace. */
  public ExecutionQuery(
      String flowId,
      Set<ExecutionStatus> statuses,
      Instant since,
      Instant until,
      Position after,
      int limit,
      String replayOf) {
    this(flowId, statuses, since, until, after, limit, replayOf, null);
  }

  /** Every execution, newest first, {@code limit} at a time. */
  public static ExecutionQuery all(int limit) {
    return new ExecutionQuery(null, Set.of(), null, null, null, limit);
  }

  /** A place in the newest-first order: executions sort by creation time, then id. */
  public record Position(Instant createdAt, String id) {
    public Position {
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(id, "id");
    }
  }
}
