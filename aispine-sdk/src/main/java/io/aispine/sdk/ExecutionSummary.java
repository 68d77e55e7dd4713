package io.aispine.sdk;

import java.time.Instant;

/** An execution as listed by {@code GET /api/v1/executions}. */
public record ExecutionSummary(
    String id,
    String flow,
    String version,
    ExecutionStatus status,
    Instant createdAt,
    Instant finishedAt,
    ErrorInfo error,
    ReplayOrigin replayOf) {

  /** A summary of an execution that replays none. */
  public ExecutionSummary(
      String id,
      String flow,
      String version,
      ExecutionStatus status,
      Instant createdAt,
      Instant finishedAt,
      ErrorInfo error) {
    this(id, flow, version, status, createdAt, finishedAt, error, null);
  }
}
