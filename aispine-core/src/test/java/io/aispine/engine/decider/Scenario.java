package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.engine.ReplayRequest;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.Usage;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the decider through a story of facts, the way the runtime would, keeping the state, the
 * history and a test clock, and feeding every decision to the {@link TransitionRecorder}.
 */
final class Scenario {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final FlowGraph graph;
  private ExecutionState state;
  private Instant now = T0;
  private double random = 0.5;
  private Decision last;
  private final List<ExecutionEvent> history = new ArrayList<>();
  private final Map<String, Object> scheduledInputs = new java.util.HashMap<>();

  private Scenario(Flow flow, Map<String, Object> inputs) {
    this(flow, inputs, Map.of());
  }

  private Scenario(Flow flow, Map<String, Object> inputs, Map<String, String> agents) {
    this.graph = FlowGraph.of(flow);
    this.state =
        new ExecutionState(
            "ex_test",
            flow.id(),
            flow.version().text(),
            ExecutionStatus.RUNNING,
            inputs,
            Map.of(),
            Map.of(),
            null,
            T0,
            null,
            0,
            null,
            null,
            agents);
  }

  /** An execution whose agent references the runtime pinned at start. */
  static Scenario pinned(Flow flow, Map<String, String> agents) {
    return new Scenario(flow, Map.of(), agents);
  }

  private Scenario(FlowGraph graph, ExecutionState initial, Instant now) {
    this.graph = graph;
    this.state = initial;
    this.now = now;
  }

  /**
   * A replay of this scenario's (finished) execution, planned as the engine plans one, not started
   * yet: {@link #start()} it.
   */
  Scenario replay(ReplayRequest request) {
    return new Scenario(graph, Decider.planReplay(graph, state, request, "ex_replay", now), now);
  }

  static Scenario of(Flow flow) {
    return new Scenario(flow, Map.of());
  }

  static Scenario of(Flow flow, Map<String, Object> inputs) {
    return new Scenario(flow, inputs);
  }

  /** Applies one fact; a rejected fact leaves the state as it was. */
  Decision apply(Fact fact) {
    Decision decision = Decider.decide(graph, state, fact, random);
    if (!decision.isRejected()) {
      TransitionRecorder.record(state, decision.state());
      assertThat(decision.state().lastSeq()).isEqualTo(state.lastSeq() + decision.events().size());
      history.addAll(decision.events());
      state = decision.state();
      decision.commands().stream()
          .filter(Command.RunTask.class::isInstance)
          .map(Command.RunTask.class::cast)
          .forEach(run -> scheduledInputs.put(run.path(), run.input()));
    } else {
      assertThat(decision.state()).isSameAs(state);
    }
    last = decision;
    return decision;
  }

  Decision start() {
    return apply(new Fact.ExecutionStarted(state.id(), now));
  }

  /** The worker claims the node's current attempt under its current lease. */
  Decision claim(String path) {
    NodeState node = node(path);
    return apply(new Fact.NodeStarted(state.id(), path, node.attempt(), node.lease(), now));
  }

  Decision succeed(String path, Object output) {
    NodeState node = node(path);
    return apply(
        new Fact.NodeSucceeded(
            state.id(),
            path,
            node.attempt(),
            node.lease(),
            now,
            output,
            Usage.NONE,
            Duration.ZERO));
  }

  /** Claims and completes the node in one go. */
  Decision run(String path, Object output) {
    assertThat(claim(path).isRejected()).as("claim of %s", path).isFalse();
    return succeed(path, output);
  }

  Decision fail(String path, ErrorInfo error) {
    NodeState node = node(path);
    return apply(
        new Fact.NodeFailed(
            state.id(), path, node.attempt(), node.lease(), now, error, Duration.ZERO));
  }

  /** Claims the node and fails the attempt. */
  Decision runAndFail(String path, ErrorInfo error) {
    assertThat(claim(path).isRejected()).as("claim of %s", path).isFalse();
    return fail(path, error);
  }

  Decision fireTimer(String path) {
    return apply(new Fact.TimerFired(state.id(), path, now));
  }

  Decision expireLease(String path) {
    NodeState node = node(path);
    return apply(new Fact.LeaseExpired(state.id(), path, node.attempt(), node.lease(), now));
  }

  Decision defer(String path, Duration wait) {
    return defer(path, wait, "circuit open");
  }

  /** The claimed attempt was held back by a guard for {@code reason}. */
  Decision defer(String path, Duration wait, String reason) {
    NodeState node = node(path);
    return apply(
        new Fact.NodeDeferred(
            state.id(), path, node.attempt(), node.lease(), now, now.plus(wait), reason));
  }

  /** A guard let the call of the node's current attempt through. */
  Decision resume(String path) {
    return apply(new Fact.NodeResumed(state.id(), path, node(path).attempt(), now));
  }

  /** Answers the approval node {@code path} waits for, as the API key {@code by}. */
  Decision answer(String path, boolean approved, String comment, String by) {
    Object pending = node(path).output();
    String id =
        pending instanceof Map<?, ?> map && map.get("approval_id") instanceof String s
            ? s
            : "ap_none";
    return answer(path, id, approved, comment, by);
  }

  /** Answers approval {@code approvalId} of node {@code path}. */
  Decision answer(String path, String approvalId, boolean approved, String comment, String by) {
    return apply(
        new Fact.ApprovalAnswered(
            state.id(), path, approvalId, approved, comment, by, "key_" + by, now));
  }

  Decision retry() {
    return apply(new Fact.RetryRequested(state.id(), now));
  }

  Decision cancel(String reason) {
    return apply(new Fact.CancelRequested(state.id(), now, reason));
  }

  Scenario at(Instant instant) {
    now = instant;
    return this;
  }

  Scenario advance(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  Scenario random(double value) {
    random = value;
    return this;
  }

  Instant now() {
    return now;
  }

  ExecutionState state() {
    return state;
  }

  NodeState node(String path) {
    return state.node(path);
  }

  NodeStatus status(String path) {
    return state.node(path).status();
  }

  Decision last() {
    return last;
  }

  List<ExecutionEvent> history() {
    return history;
  }

  /** The wire names of the history's event types, in order, for one node (or null: execution). */
  List<String> eventsOf(String path) {
    return history.stream()
        .filter(e -> java.util.Objects.equals(e.nodePath(), path))
        .map(e -> e.type().wireName())
        .toList();
  }

  /** The run-task commands of the last decision, by path. */
  List<Command.RunTask> runTasks() {
    return last.commands().stream()
        .filter(Command.RunTask.class::isInstance)
        .map(Command.RunTask.class::cast)
        .toList();
  }

  /** The resolved input of the node's last scheduled attempt. */
  Object scheduledInput(String path) {
    return scheduledInputs.get(path);
  }

  List<String> scheduledPaths() {
    return runTasks().stream().map(Command.RunTask::path).toList();
  }
}
