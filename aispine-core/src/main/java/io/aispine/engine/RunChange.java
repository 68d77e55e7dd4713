package io.aispine.engine;

import java.time.Instant;

/** A change to the {@link NodeRun} records, produced by the decider with each decision. */
public sealed interface RunChange {

  String executionId();

  String path();

  int attempt();

  /** A new attempt was scheduled: insert its record. */
  record Scheduled(
      String executionId, String path, int attempt, String agent, Object input, Instant at)
      implements RunChange {}

  /** A worker started the attempt. */
  record Started(String executionId, String path, int attempt, Instant at) implements RunChange {}

  /** The attempt ended (SUCCEEDED, FAILED or CANCELLED). */
  record Finished(
      String executionId,
      String path,
      int attempt,
      NodeStatus status,
      Object output,
      ErrorInfo error,
      Usage usage,
      Instant at)
      implements RunChange {}
}
