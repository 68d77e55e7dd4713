package io.aispine.engine.decider.internal;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeState;
import io.aispine.execution.RunChange;
import io.aispine.flow.FlowGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pcollections.OrderedPMap;

/**
 * The decision being built for one fact: a mutable working copy of the execution state plus the
 * events, commands and attempt records produced so far. Lives only inside one call of the decider.
 */
public final class Draft {

  private final FlowGraph graph;
  private final ExecutionState before;
  private final Fact fact;
  private final double random;
  private final PayloadLimit payloadLimit;
  private OrderedPMap<String, NodeState> nodes;
  private final List<ExecutionEvent> events = new ArrayList<>(4);
  private final List<Command> commands = new ArrayList<>(2);
  private final List<RunChange> runs = new ArrayList<>(2);

  /**
   * Pending nodes whose readiness may have changed, and running containers whose body changed; see
   * {@link ReadyNodes#sweep}. Kept in dependency order so that one sweep settles the graph.
   */
  private final TreeSet<String> dirty;

  /** For each running container path, the instances of its body in which a node ended. */
  private final Map<String, Set<String>> touched = new HashMap<>();

  private final Map<String, Scope.Located> located = new HashMap<>();
  private final Set<String> changed = new java.util.LinkedHashSet<>();
  private final Scope root;

  private long seq;
  private ExecutionStatus status;
  private Map<String, Object> outputs;
  private ErrorInfo error;
  private Instant finishedAt;

  public Draft(
      FlowGraph graph, ExecutionState before, Fact fact, double random, PayloadLimit payloadLimit) {
    this.graph = graph;
    this.before = before;
    this.fact = fact;
    this.random = random;
    this.payloadLimit = payloadLimit;
    this.nodes = (OrderedPMap<String, NodeState>) before.nodes();
    this.dirty = new TreeSet<>(new PathOrder(graph));
    this.root = Scope.root(graph);
    this.seq = before.lastSeq();
    this.status = before.status();
    this.outputs = before.outputs();
    this.error = before.error();
    this.finishedAt = before.finishedAt();
  }

  public FlowGraph graph() {
    return graph;
  }

  /** The flow's top-level scope. */
  public Scope root() {
    return root;
  }

  /**
   * The node instance a path names.
   *
   * @throws IllegalArgumentException when the path names no node of the flow
   */
  public Scope.Located locate(String path) {
    Scope.Located found = located.get(path);
    if (found == null) {
      found = Scope.locate(graph, path);
      if (found == null) {
        throw new IllegalArgumentException(
            "flow " + graph.flow().id() + " has no node instance '" + path + "'");
      }
      located.put(path, found);
    }
    return found;
  }

  public ExecutionState before() {
    return before;
  }

  /** When the fact happened: the decider's only notion of "now". */
  public Instant at() {
    return fact.at();
  }

  /** The uniform sample in [0, 1) supplied with the fact, for retry jitter. */
  public double random() {
    return random;
  }

  /** The most a node's input, or the execution's outputs, may weigh. */
  public PayloadLimit payloadLimit() {
    return payloadLimit;
  }

  public String executionId() {
    return before.id();
  }

  public ExecutionStatus status() {
    return status;
  }

  /** The working state of a node path. */
  public NodeState node(String path) {
    return NodeState.of(nodes, path);
  }

  /** The working node states (an immutable snapshot: {@link #put} makes a new one). */
  public Map<String, NodeState> nodes() {
    return nodes;
  }

  /**
   * Replaces a node's state. When the node becomes terminal, its dependents are marked for
   * re-evaluation, because their readiness may now be decided.
   */
  public void put(String path, NodeState next) {
    NodeState previous = nodes.get(path);
    nodes = nodes.plus(path, next);
    changed.add(path);
    if (next.status().terminal() && (previous == null || !previous.status().terminal())) {
      Scope.Located at = locate(path);
      Scope scope = at.scope();
      for (String dependent : scope.graph().dependents(at.id())) {
        dirty.add(scope.path(dependent));
      }
      if (!scope.isRoot()) {
        // the container decides when an iteration, item or branch is over
        dirty.add(scope.container());
        touched.computeIfAbsent(scope.container(), k -> new HashSet<>()).add(scope.instance());
      }
    }
  }

  /** Marks a node for re-evaluation by the next sweep. */
  public void markDirty(String path) {
    dirty.add(path);
  }

  /** The first node marked for re-evaluation in dependency order, removed; null when none. */
  public String pollDirty() {
    return dirty.pollFirst();
  }

  /** The instances of a container's body in which a node ended since the last call, removed. */
  public Set<String> takeTouched(String containerPath) {
    Set<String> instances = touched.remove(containerPath);
    return instances == null ? Set.of() : instances;
  }

  /** Appends an event and returns its sequence number. */
  public long emit(EventType type, String path, int attempt, Map<String, Object> data) {
    seq++;
    events.add(new ExecutionEvent(before.id(), seq, type, path, attempt, fact.at(), data));
    return seq;
  }

  /** The sequence number the next event will get; unique per execution, so usable as a lease. */
  public long nextSeq() {
    return seq + 1;
  }

  public void command(Command command) {
    commands.add(command);
  }

  public void run(RunChange change) {
    runs.add(change);
  }

  /** Ends the execution with a terminal status. */
  public void end(ExecutionStatus next, Map<String, Object> finalOutputs, ErrorInfo finalError) {
    if (!status.next().contains(next)) {
      throw new IllegalStateException("illegal execution transition " + status + " -> " + next);
    }
    status = next;
    outputs = finalOutputs;
    error = finalError;
    finishedAt = fact.at();
  }

  /** Re-opens a failed execution: running again, with no outputs, error or end time. */
  public void reopen() {
    if (!status.next().contains(ExecutionStatus.RUNNING)) {
      throw new IllegalStateException("illegal execution transition " + status + " -> RUNNING");
    }
    status = ExecutionStatus.RUNNING;
    outputs = Map.of();
    error = null;
    finishedAt = null;
  }

  /** The finished decision. */
  public Decision build() {
    var state =
        new ExecutionState(
            before.id(),
            before.flowId(),
            before.flowVersion(),
            status,
            before.inputs(),
            nodes,
            outputs,
            error,
            before.createdAt(),
            finishedAt,
            seq,
            before.parent(),
            before.replayOf(),
            before.agents());
    return new Decision(state, events, commands, runs, null, List.copyOf(changed));
  }
}
