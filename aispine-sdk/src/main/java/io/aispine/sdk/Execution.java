package io.aispine.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution with its inputs, outputs and every node's state; {@code replayOf} is set when it
 * replays another execution, and {@code agents} names the agent versions it is pinned to (reference
 * to {@code name@version}).
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
    ReplayOrigin replayOf,
    Map<String, String> agents) {

  /** Copies the node list; missing lists and maps read as empty. */
  public Execution {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    agents = agents == null ? Map.of() : Map.copyOf(agents);
  }

  /** An execution without pinned agent versions. */
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
      List<NodeState> nodes,
      ReplayOrigin replayOf) {
    this(
        id,
        flow,
        version,
        status,
        createdAt,
        finishedAt,
        error,
        inputs,
        outputs,
        nodes,
        replayOf,
        null);
  }

  /** An execution that replays none and has no pinned agent versions. */
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
