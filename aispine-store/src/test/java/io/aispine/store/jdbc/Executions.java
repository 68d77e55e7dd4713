package io.aispine.store.jdbc;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.store.Task;
import io.aispine.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the execution records the store tests write. */
final class Executions {

  /** A fixed instant with microseconds, the precision the store keeps. */
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private Executions() {}

  /** A running execution with no nodes yet, created at {@code T0 + offsetMillis}. */
  static ExecutionState running(String id, String flowId, long offsetMillis) {
    return new ExecutionState(
        id,
        flowId,
        "1.0.0",
        ExecutionStatus.RUNNING,
        Map.of("phone", "+34600000000"),
        Map.of(),
        Map.of(),
        null,
        T0.plusMillis(offsetMillis),
        null,
        0);
  }

  /** The same state with another status, last sequence number and nodes. */
  static ExecutionState with(
      ExecutionState state, ExecutionStatus status, long lastSeq, Map<String, NodeState> nodes) {
    return new ExecutionState(
        state.id(),
        state.flowId(),
        state.flowVersion(),
        status,
        state.inputs(),
        nodes,
        state.outputs(),
        state.error(),
        state.createdAt(),
        status.terminal() ? state.createdAt().plusSeconds(5) : null,
        lastSeq,
        state.replayOf());
  }

  /** A state that uses every field, with JSON-like values of every kind. */
  static ExecutionState full(String id) {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("zeta", 1);
    nested.put("alpha", List.of(1, 2_147_483_648L, 1.5, "two", true));
    nested.put("nothing", null);
    nested.put("deep", Map.of("unicode", "ñandú ✓ \u0000 \"quoted\""));
    Map<String, NodeState> nodes = new LinkedHashMap<>();
    nodes.put(
        "download",
        new NodeState(
            NodeStatus.SUCCEEDED,
            1,
            7,
            nested,
            null,
            Handling.NONE,
            null,
            T0.plusNanos(1_000),
            T0.plusSeconds(2)));
    nodes.put(
        "ocr",
        new NodeState(
            NodeStatus.FAILED,
            3,
            12,
            null,
            ErrorInfo.retryable("TIMEOUT", "no answer in 30s"),
            Handling.FALLBACK,
            null,
            T0.plusSeconds(3),
            T0.plusSeconds(9)));
    nodes.put(
        "review/2/confirm",
        new NodeState(
            NodeStatus.SKIPPED, 0, 0, null, null, Handling.NONE, "branch not taken", null, null));
    nodes.put("reservation", NodeState.PENDING);
    return new ExecutionState(
        id,
        "kyc-onboarding",
        "1.2.3-rc.1",
        ExecutionStatus.FAILED,
        nested,
        nodes,
        Map.of("verified", false, "score", 0.25),
        ErrorInfo.permanent("NODE_FAILED", "node 'ocr' failed"),
        T0,
        T0.plusSeconds(10),
        42);
  }

  /** An event of an execution. */
  static ExecutionEvent event(String executionId, long seq, EventType type, String path) {
    return new ExecutionEvent(
        executionId,
        seq,
        type,
        path,
        path == null ? 0 : 1,
        T0.plusMillis(seq),
        seq % 2 == 0 ? Map.of("seq", (int) seq) : Map.of());
  }

  /** A node attempt task. */
  static Task runTask(String executionId, String path, int attempt) {
    return new Task(
        executionId,
        path,
        T0.plusSeconds(attempt),
        new Command.RunTask(
            path,
            attempt,
            attempt * 10L,
            "ocr@^1",
            "read_mrz",
            Map.of("document", "file-" + attempt),
            Duration.ofSeconds(30),
            T0.plusSeconds(attempt)));
  }

  /** A timer task. */
  static Task timer(String executionId, String path, Instant fireAt) {
    return new Task(executionId, path, fireAt, null);
  }

  /** The attempt scheduled by a node's first decision. */
  static RunChange.Scheduled scheduled(String executionId, String path, int attempt) {
    return new RunChange.Scheduled(
        executionId, path, attempt, "ocr@^1", Map.of("document", "f.jpg"), T0);
  }

  /** A transition that only writes a state (creating it or not). */
  static Transition stateOnly(ExecutionState state, boolean created) {
    return new Transition(state, created, List.of(), List.of(), List.of(), List.of());
  }

  /** A transition that writes a state and these events. */
  static Transition withEvents(ExecutionState state, ExecutionEvent... events) {
    return new Transition(state, false, Arrays.asList(events), List.of(), List.of(), List.of());
  }

  /** A transition that writes a state and these attempt changes. */
  static Transition withRuns(ExecutionState state, RunChange... runs) {
    return new Transition(state, false, List.of(), Arrays.asList(runs), List.of(), List.of());
  }

  /** A transition that writes a state and changes tasks. */
  static Transition withTasks(ExecutionState state, List<Task> put, List<String> remove) {
    return new Transition(state, false, List.of(), List.of(), put, remove);
  }

  /** Events 1..n of an execution. */
  static List<ExecutionEvent> events(String executionId, int from, int to) {
    List<ExecutionEvent> events = new ArrayList<>();
    for (int seq = from; seq <= to; seq++) {
      events.add(event(executionId, seq, EventType.NODE_STARTED, "node-" + seq));
    }
    return events;
  }
}
