package io.aispine.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the decider needs to know about one execution. Immutable: the decider returns a new
 * state for each fact, and the store persists it in the same transaction as the fact's events.
 *
 * @param id the execution id ({@code ex_01J…})
 * @param flowId the flow's id
 * @param flowVersion the exact flow version this execution runs
 * @param status the execution status
 * @param inputs the validated inputs (defaults applied)
 * @param nodes node path to state, for every node instance known so far
 * @param outputs the evaluated flow outputs once succeeded, else empty
 * @param error the error that failed the execution, or null
 * @param createdAt when the execution was accepted
 * @param finishedAt when it reached a terminal status, or null
 * @param lastSeq the sequence number of the last event in its history (0 before any)
 * @param agents each task node's agent reference pinned to the exact version resolved when the
 *     execution started ({@code reviewer@^1} to {@code reviewer@1.4.0}); every attempt calls the
 *     pinned version. A reference missing here (nothing matched at start) is resolved per attempt.
 */
public record ExecutionState(
    String id,
    String flowId,
    String flowVersion,
    ExecutionStatus status,
    Map<String, Object> inputs,
    Map<String, NodeState> nodes,
    Map<String, Object> outputs,
    ErrorInfo error,
    Instant createdAt,
    Instant finishedAt,
    long lastSeq,
    Map<String, String> agents) {

  public ExecutionState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(flowVersion, "flowVersion");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    nodes = nodes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    outputs =
        outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    agents = agents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(agents));
  }

  /** A state with no pinned agent versions: every reference is resolved per attempt. */
  public ExecutionState(
      String id,
      String flowId,
      String flowVersion,
      ExecutionStatus status,
      Map<String, Object> inputs,
      Map<String, NodeState> nodes,
      Map<String, Object> outputs,
      ErrorInfo error,
      Instant createdAt,
      Instant finishedAt,
      long lastSeq) {
    this(
        id,
        flowId,
        flowVersion,
        status,
        inputs,
        nodes,
        outputs,
        error,
        createdAt,
        finishedAt,
        lastSeq,
        Map.of());
  }

  /** The agent to call for {@code reference}: its pinned version, else the reference itself. */
  public String agentFor(String reference) {
    return agents.getOrDefault(reference, reference);
  }

  /** The state of a node path, {@link NodeState#PENDING} when nothing happened to it yet. */
  public NodeState node(String path) {
    return nodes.getOrDefault(path, NodeState.PENDING);
  }
}
