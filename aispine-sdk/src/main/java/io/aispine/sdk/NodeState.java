package io.aispine.sdk;

import java.time.Instant;
import java.util.List;

/** A node instance of an execution (path {@code ocr} or {@code review/2/ocr}) and its attempts. */
public record NodeState(
    String path,
    String status,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    Object output,
    ErrorInfo error,
    List<NodeRun> runs) {

  /** Copies the runs; a missing list reads as empty. */
  public NodeState {
    runs = runs == null ? List.of() : List.copyOf(runs);
  }
}
