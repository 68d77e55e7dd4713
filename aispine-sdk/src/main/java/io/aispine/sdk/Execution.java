package io.aispine.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution with its inputs, outputs and every node's state; {@code replayOf} is set when it
 * replays another execution.
 */
public record Execution(
    String id,
    String flow,
    String version,
    ExecutionStatus status,
    Instant createdAt,
    Instant finishedAt,
    ErrorInfo error,
    Map<String, Object> inputs,
    Map<String, Object> outputs,
    List<NodeState> nodes,
    ReplayOrigin replayOf) {

  /** Copies the node list; a missing list reads as empty. */
  public Execution {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }

  /** An execution that replays none. */
  public Execution(
      String id,
      String flow,
      String version,
      ExecutionStatus status,
      Instant createdAt,
      Instant finishedAt,
      ErrorInfo error,
      Map<String, Object> inputs,
      Map<String, Object> outputs,
      List<NodeState> nodes) {
    this(id, flow, version, status, createdAt, finishedAt, error, inputs, outputs, nodes, null);
  }
}
