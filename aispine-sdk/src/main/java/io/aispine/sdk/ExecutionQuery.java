package io.aispine.sdk;

import io.aispine.api.ExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filters for {@link AispineClient#listExecutions}: flow, statuses, a creation window, the
 * execution replayed, page size and cursor. Start from {@link #all()} and narrow it with the {@code
 * with…} methods.
 */
public record ExecutionQuery(
    String flow,
    List<ExecutionStatus> statuses,
    Instant since,
    Instant until,
    Integer limit,
    String cursor,
    String replayOf) {

  /** Copies the statuses; a missing list means any status. */
  public ExecutionQuery {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    if (limit != null && (limit < 1 || limit > 500)) {
      throw new IllegalArgumentException("limit must be between 1 and 500, got " + limit);
    }
  }

  /** A query without the replay filter. */
  public ExecutionQuery(
      String flow,
      List<ExecutionStatus> statuses,
      Instant since,
      Instant until,
      Integer limit,
      String cursor) {
    this(flow, statuses, since, until, limit, cursor, null);
  }

  /** Every execution, newest first, in pages of the server's default size. */
  public static ExecutionQuery all() {
    return new ExecutionQuery(null, List.of(), null, null, null, null);
  }

  /** Only executions of this flow id. */
  public ExecutionQuery withFlow(String flowId) {
    return new ExecutionQuery(flowId, statuses, since, until, limit, cursor, replayOf);
  }

  /** Only executions in one of these statuses. */
  public ExecutionQuery withStatuses(List<ExecutionStatus> anyOf) {
    return new ExecutionQuery(flow, anyOf, since, until, limit, cursor, replayOf);
  }

  /** Only executions created in {@code [from, to)}; either end may be null. */
  public ExecutionQuery withCreated(Instant from, Instant to) {
    return new ExecutionQuery(flow, statuses, from, to, limit, cursor, replayOf);
  }

  /** At most this many per page (1–500). */
  public ExecutionQuery withLimit(Integer pageSize) {
    return new ExecutionQuery(flow, statuses, since, until, pageSize, cursor, replayOf);
  }

  /** The page after the one that returned this cursor. */
  public ExecutionQuery withCursor(String nextCursor) {
    return new ExecutionQuery(flow, statuses, since, until, limit, nextCursor, replayOf);
  }

  /** Only the replays of this execution (those whose {@code replay_of.execution} it is). */
  public ExecutionQuery withReplayOf(String executionId) {
    return new ExecutionQuery(flow, statuses, since, until, limit, cursor, executionId);
  }

  /** The query parameters, repeated {@code status} included, in a stable order. */
  Map<String, List<String>> parameters() {
    var params = new LinkedHashMap<String, List<String>>();
    if (flow != null) {
      params.put("flow", List.of(flow));
    }
    if (!statuses.isEmpty()) {
      var names = new ArrayList<String>();
      statuses.forEach(s -> names.add(s.wireName()));
      params.put("status", names);
    }
    if (since != null) {
      params.put("since", List.of(since.toString()));
    }
    if (until != null) {
      params.put("until", List.of(until.toString()));
    }
    if (limit != null) {
      params.put("limit", List.of(limit.toString()));
    }
    if (cursor != null) {
      params.put("cursor", List.of(cursor));
    }
    if (replayOf != null) {
      params.put("replay_of", List.of(replayOf));
    }
    return params;
  }
}
