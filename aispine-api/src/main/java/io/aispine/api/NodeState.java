package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A node instance of an execution (path {@code ocr} or {@code review/2/ocr}) and its attempts.
 *
 * @param output the node's output once it succeeded (any JSON value)
 * @param runs every attempt, oldest first; none for a node a replay reused
 * @param reason why it was skipped or cancelled, else absent
 * @param reused true when a replay took its result from the origin execution instead of running it
 *     (absent when false)
 * @param waiting set while a guard holds its due attempt back (circuit, drain, limits)
 */
public record NodeState(
    String path,
    String status,
    int attempts,
    @JsonProperty("started_at") @Nullable Instant startedAt,
    @JsonProperty("finished_at") @Nullable Instant finishedAt,
    @Nullable Object output,
    @Nullable ErrorInfo error,
    List<NodeRun> runs,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean reused,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Waiting waiting) {

  /** Copies the runs; a missing list reads as empty. */
  public NodeState {
    runs = runs == null ? List.of() : List.copyOf(runs);
  }
}
