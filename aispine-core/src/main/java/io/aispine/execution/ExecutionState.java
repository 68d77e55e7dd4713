package io.aispine.execution;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pcollections.OrderedPMap;

/**
 * Everything the decider needs to know about one execution. Immutable: the decider returns a new
 * state for each fact, and the store persists it in the same transaction as the fact's events.
 *
 * @param id the execution id ({@code ex_01J…})
 * @param flowId the flow's id
 * @param flowVersion the exact flow version this execution runs
 * @param status the execution status
 * @param inputs the validated inputs (defaults applied)
 * @param nodes node path to state, for every node instance known so far, in the order they became
 *     known (an immutable persistent map, so successive states share what did not change)
 * @param outputs the evaluated flow outputs once succeeded, else empty
 * @param error the error that failed the execution, or null
 * @param createdAt when the execution was accepted
 * @param finishedAt when it reached a terminal status, or null
 * @param lastSeq the sequence number of the last event in its history (0 before any)
 * @param parent the execution and subflow node this one runs for, or null for a top-level one
 * @param replayOf the execution this one replays and what it reused from it, or null
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
    ParentLink parent,
    ReplayOrigin replayOf,
    Map<String, String> agents) {

  /** An execution with no pinned agent versions: every reference is resolved per attempt. */
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
      long lastSeq,
      ParentLink parent,
      ReplayOrigin replayOf) {
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
        parent,
        replayOf,
        Map.of());
  }

  /** A top-level execution that replays none. */
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
        null,
        null);
  }

  /** A child execution of a subflow node ({@code parent}), or a top-level one when null. */
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
      long lastSeq,
      ParentLink parent) {
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
        parent,
        null);
  }

  public ExecutionState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(flowVersion, "flowVersion");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    // persistent: a decision shares every node state it did not change with the state before it
    nodes =
        nodes instanceof OrderedPMap<String, NodeState> persistent
            ? persistent
            : nodes == null ? OrderedPMap.empty() : OrderedPMap.from(nodes);
    outputs =
        outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    agents = agents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(agents));
  }

  /** The agent to call for {@code reference}: its pinned version, else the reference itself. */
  public String agentFor(String reference) {
    return agents.getOrDefault(reference, reference);
  }

  /** How deep in subflows this execution runs: 0 at the top level, 1 for a child … */
  public int depth() {
    return parent == null ? 0 : parent.depth();
  }

  /**
   * The link from a child execution to the subflow node that started it.
   *
   * @param execution the parent execution's id
   * @param path the path of the subflow node in the parent
   * @param depth the child's depth: 1 for a child of a top-level execution
   */
  public record ParentLink(String execution, String path, int depth) {
    public ParentLink {
      Objects.requireNonNull(execution, "execution");
      Objects.requireNonNull(path, "path");
      if (depth < 1) {
        throw new IllegalArgumentException("a child execution's depth is at least 1");
      }
    }
  }

  /** A top-level execution that replays {@code replayOf} (or none, when null). */
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
      long lastSeq,
      ReplayOrigin replayOf) {
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
        null,
        replayOf);
  }

  /** The state of a node path, {@link NodeState#PENDING} when nothing happened to it yet. */
  public NodeState node(String path) {
    return NodeState.of(nodes, path);
  }
}
