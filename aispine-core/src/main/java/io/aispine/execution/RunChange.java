package io.aispine.execution;

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

  /**
   * The attempt ended (SUCCEEDED, FAILED or CANCELLED); {@code servedBy} is the fallback agent
   * reference that served it, which replaces the record's agent, or null.
   */
  record Finished(
      String executionId,
      String path,
      int attempt,
      NodeStatus status,
      Object output,
      ErrorInfo error,
      Usage usage,
      Instant at,
      String servedBy)
      implements RunChange {

    /** An end of an attempt served by the node's own agent. */
    public Finished(
        String executionId,
        String path,
        int attempt,
        NodeStatus status,
        Object output,
        ErrorInfo error,
        Usage usage,
        Instant at) {
      this(executionId, path, attempt, status, output, error, usage, at, null);
    }
  }
}
