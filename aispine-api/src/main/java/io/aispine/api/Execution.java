package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution with its inputs, outputs and every node's state.
 *
 * @param replayOf set when it replays another execution
 * @param agents each agent reference of its flow pinned to the exact version it calls ({@code
 *     reviewer@^1} to {@code reviewer@1.4.0})
 * @param parent set for a child execution started by a {@code subflow} node
 */
public record Execution(
    String id,
    String flow,
    String version,
    ExecutionStatus status,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("finished_at") @Nullable Instant finishedAt,
    @Nullable ErrorInfo error,
    Map<String, Object> inputs,
    Map<String, Object> outputs,
    List<NodeState> nodes,
    @JsonProperty("replay_of") @Nullable ReplayOrigin replayOf,
    Map<String, String> agents,
    @Nullable ParentExecution parent) {

  /** Copies the collections; missing lists and maps read as empty. */
  public Execution {
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs =
        outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    agents = agents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(agents));
  }

  /** The summary of this execution, as the list endpoint shows it. */
  public ExecutionSummary summary() {
    return new ExecutionSummary(id, flow, version, status, createdAt, finishedAt, error, replayOf);
  }
}
