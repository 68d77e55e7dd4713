package io.aispine.sdk;

import java.time.Instant;
import java.util.List;

/**
 * A node instance of an execution (path {@code ocr} or {@code review/2/ocr}) and its attempts;
 * {@code reason} says why it was skipped or cancelled, and {@code reused} is true when a replay
 * took its result from the origin execution instead of running it.
 */
public record NodeState(
    String path,
    String status,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    Object output,
    ErrorInfo error,
    List<NodeRun> runs,
    String reason,
    boolean reused) {

  /** Copies the runs; a missing list reads as empty. */
  public NodeState {
    runs = runs == null ? List.of() : List.copyOf(runs);
  }

  /** A node state that was not reused from another execution, with no skip reason. */
  public NodeState(
      String path,
      String status,
      int attempts,
      Instant startedAt,
      Instant finishedAt,
      Object output,
      ErrorInfo error,
      List<NodeRun> runs) {
    this(path, status, attempts, startedAt, finishedAt, output, error, runs, null, false);
  }
}
