package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.store.Transition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures node transitions per second through {@code apply} on SQLite with FULL sync. Not part of
 * the normal build (it takes a while and loads the machine): run it with {@code
 * -Daispine.throughput=true -Dtest=SqliteThroughputCheck -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SqliteThroughputCheck {

  private static final int EXECUTIONS = 2_000;
  private static final int NODES = 10;
  private static final int CONCURRENT = 64;
  private static final int BATCH = 256;

  @TempDir Path dataDir;

  @Test
  void applies_at_least_20000_node_transitions_per_second() {
    List<List<Transition>> batches = batches();
    int transitions = batches.stream().mapToInt(List::size).sum();
    try (JdbcStore store = JdbcStore.openDataDir(dataDir)) {
      // warm up the JIT and the file on a tenth of the load, then measure all of it
      batches.subList(0, batches.size() / 10).forEach(store.executions()::apply);
    }
    try (JdbcStore store = JdbcStore.openDataDir(dataDir.resolve("measured"))) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      batches.forEach(store.executions()::apply);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      double perSecond = transitions / seconds;
      // CPU time as well: on a shared machine the wall clock mostly measures the neighbours
      System.out.printf(
          "applied %,d transitions in %,d batches in %.2f s (%.2f s CPU on the applying thread):"
              + " %,.0f transitions/s, %,.0f per CPU-second%n",
          transitions, batches.size(), seconds, cpuSeconds, perSecond, transitions / cpuSeconds);
      assertThat(perSecond).isGreaterThanOrEqualTo(20_000);
    }
  }

  /**
   * Executions of a linear flow of {@value #NODES} nodes, {@value #CONCURRENT} at a time, each node
   * taking three transitions (scheduled, started, completed), interleaved into batches as a
   * group-committing runtime would see them.
   */
  private static List<List<Transition>> batches() {
    List<Transition> all = new ArrayList<>();
    for (int wave = 0; wave < EXECUTIONS / CONCURRENT; wave++) {
      List<List<Transition>> lanes = new ArrayList<>();
      for (int lane = 0; lane < CONCURRENT; lane++) {
        lanes.add(execution("ex_" + wave + "_" + lane));
      }
      for (int step = 0; step < lanes.getFirst().size(); step++) {
        for (List<Transition> lane : lanes) {
          all.add(lane.get(step));
        }
      }
    }
    List<List<Transition>> batches = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      batches.add(all.subList(i, Math.min(all.size(), i + BATCH)));
    }
    return batches;
  }

  private static List<Transition> execution(String id) {
    List<Transition> transitions = new ArrayList<>();
    ExecutionState start = Executions.running(id, "bench", 0);
    Map<String, NodeState> nodes = new LinkedHashMap<>();
    long seq = 0;
    String first = "node-0";
    nodes.put(first, state(NodeStatus.SCHEDULED, null));
    transitions.add(
        new Transition(
            Executions.with(start, ExecutionStatus.RUNNING, seq + 2, nodes),
            true,
            List.of(
                event(id, ++seq, EventType.EXECUTION_STARTED, null, Map.of()),
                event(id, ++seq, EventType.NODE_SCHEDULED, first, Map.of())),
            List.of(Executions.scheduled(id, first, 1)),
            List.of(Executions.runTask(id, first, 1)),
            List.of()));
    for (int n = 0; n < NODES; n++) {
      String path = "node-" + n;
      nodes.put(path, state(NodeStatus.RUNNING, null));
      transitions.add(
          new Transition(
              Executions.with(start, ExecutionStatus.RUNNING, ++seq, nodes),
              false,
              List.of(event(id, seq, EventType.NODE_STARTED, path, Map.of())),
              List.of(new RunChange.Started(id, path, 1, Executions.T0)),
              List.of(),
              List.of()));
      Map<String, Object> output = Map.of("text", "result of " + path, "score", 0.97);
      nodes.put(path, state(NodeStatus.SUCCEEDED, output));
      List<ExecutionEvent> events = new ArrayList<>();
      events.add(event(id, ++seq, EventType.NODE_COMPLETED, path, Map.of("output", output)));
      List<RunChange> runs = new ArrayList<>();
      runs.add(
          new RunChange.Finished(
              id, path, 1, NodeStatus.SUCCEEDED, output, null, null, Executions.T0));
      boolean last = n == NODES - 1;
      String next = "node-" + (n + 1);
      if (!last) {
        nodes.put(next, state(NodeStatus.SCHEDULED, null));
        events.add(event(id, ++seq, EventType.NODE_SCHEDULED, next, Map.of()));
        runs.add(Executions.scheduled(id, next, 1));
      } else {
        events.add(event(id, ++seq, EventType.EXECUTION_COMPLETED, null, Map.of()));
      }
      transitions.add(
          new Transition(
              Executions.with(
                  start, last ? ExecutionStatus.SUCCEEDED : ExecutionStatus.RUNNING, seq, nodes),
              false,
              events,
              runs,
              last ? List.of() : List.of(Executions.runTask(id, next, 1)),
              List.of(path)));
    }
    return transitions;
  }

  private static NodeState state(NodeStatus status, Object output) {
    return new NodeState(status, 1, 1, output, null, Handling.NONE, null, Executions.T0, null);
  }

  private static ExecutionEvent event(
      String id, long seq, EventType type, String path, Map<String, Object> data) {
    return new ExecutionEvent(id, seq, type, path, path == null ? 0 : 1, Executions.T0, data);
  }
}
