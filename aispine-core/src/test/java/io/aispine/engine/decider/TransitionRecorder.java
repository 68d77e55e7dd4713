package io.aispine.engine.decider;

import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every node and execution status transition that decider tests produce, by diffing the
 * state before and after each decision, so that {@link TransitionCoverageTest} can fail when a
 * legal transition of the tables is never exercised (or an illegal one is ever produced).
 */
final class TransitionRecorder {

  private static final Set<String> NODE = ConcurrentHashMap.newKeySet();
  private static final Set<String> EXECUTION = ConcurrentHashMap.newKeySet();

  private TransitionRecorder() {}

  static void record(ExecutionState before, ExecutionState after) {
    if (before.status() != after.status()) {
      EXECUTION.add(edge(before.status(), after.status()));
    }
    for (Map.Entry<String, NodeState> entry : after.nodes().entrySet()) {
      NodeStatus from = before.node(entry.getKey()).status();
      NodeStatus to = entry.getValue().status();
      if (from == to) {
        continue;
      }
      if (!from.next().contains(to)
          && from.next().contains(NodeStatus.PENDING)
          && NodeStatus.PENDING.next().contains(to)) {
        // a retry re-opens a node and the same decision schedules it: FAILED -> PENDING ->
        // SCHEDULED shows in one diff; record the two legal moves it is made of
        NODE.add(edge(from, NodeStatus.PENDING));
        NODE.add(edge(NodeStatus.PENDING, to));
      } else {
        NODE.add(edge(from, to));
      }
    }
  }

  static Set<String> nodeTransitions() {
    return Set.copyOf(NODE);
  }

  static Set<String> executionTransitions() {
    return Set.copyOf(EXECUTION);
  }

  static void reset() {
    NODE.clear();
    EXECUTION.clear();
  }

  static String edge(Enum<?> from, Enum<?> to) {
    return from + " -> " + to;
  }
}
