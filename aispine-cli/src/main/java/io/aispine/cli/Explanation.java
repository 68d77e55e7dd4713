package io.aispine.cli;

import io.aispine.engine.Engine;
import io.aispine.engine.EventType;
import io.aispine.engine.ExecutionEvent;
import io.aispine.engine.ExecutionState;
import io.aispine.engine.NodeRun;
import io.aispine.engine.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Explains an execution from its recorded history: which nodes overlapped in time, which were
 * retried and why, which branches decisions took and what was skipped.
 */
final class Explanation {

  private final ExecutionState state;
  private final List<NodeRun> runs;
  private final List<ExecutionEvent> events;

  Explanation(Engine engine, ExecutionState state) {
    this.state = state;
    this.runs = engine.runs(state.id());
    this.events = engine.events(state.id(), 0, 100_000);
  }

  List<String> lines() {
    var lines = new ArrayList<String>();
    parallelism().ifPresent(lines::add);
    lines.addAll(retries());
    lines.addAll(decisions());
    long skipped =
        state.nodes().values().stream().filter(n -> n.status() == NodeStatus.SKIPPED).count();
    if (skipped > 0) {
      lines.add(skipped + " node(s) were skipped because their branch was not taken.");
    }
    lines.add(
        "History: " + events.size() + " events and " + runs.size()
            + " attempt records, each committed before the engine acted on it.");
    return lines;
  }

  private java.util.Optional<String> parallelism() {
    var finished =
        runs.stream()
            .filter(r -> r.startedAt() != null && r.finishedAt() != null)
            .sorted(Comparator.comparing(NodeRun::startedAt))
            .toList();
    if (finished.isEmpty()) {
      return java.util.Optional.empty();
    }
    long busy = 0;
    int peak = 0;
    List<String> overlapping = new ArrayList<>();
    for (NodeRun run : finished) {
      busy += Duration.between(run.startedAt(), run.finishedAt()).toMillis();
      int concurrent = 0;
      for (NodeRun other : finished) {
        if (overlaps(run, other)) {
          concurrent++;
        }
      }
      if (concurrent > 1 && !overlapping.contains(run.path())) {
        overlapping.add(run.path());
      }
      peak = Math.max(peak, concurrent);
    }
    Instant first = finished.get(0).startedAt();
    Instant last = finished.stream().map(NodeRun::finishedAt).max(Instant::compareTo).get();
    long span = Duration.between(first, last).toMillis();
    if (peak < 2) {
      return java.util.Optional.of(
          "Nodes ran one after another: " + ProgressPrinter.ms(busy) + " of agent time.");
    }
    return java.util.Optional.of(
        "Parallel branches: "
            + String.join(", ", overlapping)
            + " ran at the same time (up to "
            + peak
            + " at once): "
            + ProgressPrinter.ms(busy)
            + " of agent work took "
            + ProgressPrinter.ms(span)
            + " of wall time.");
  }

  private static boolean overlaps(NodeRun a, NodeRun b) {
    return a.startedAt().isBefore(b.finishedAt()) && b.startedAt().isBefore(a.finishedAt());
  }

  private List<String> retries() {
    var lines = new ArrayList<String>();
    for (var entry : state.nodes().entrySet()) {
      int attempts = entry.getValue().attempt();
      if (attempts < 2) {
        continue;
      }
      String path = entry.getKey();
      var failures =
          events.stream()
              .filter(e -> e.type() == EventType.NODE_RETRYING && path.equals(e.nodePath()))
              .toList();
      String why =
          failures.isEmpty() ? "" : " (" + ProgressPrinter.error(failures.get(0).data().get("error")) + ")";
      long waited =
          failures.stream()
              .mapToLong(e -> e.data().get("delay_ms") instanceof Number n ? n.longValue() : 0)
              .sum();
      lines.add(
          "Retry: "
              + path
              + " failed "
              + (attempts - 1)
              + " time(s)"
              + why
              + ", waited "
              + ProgressPrinter.ms(waited)
              + " of durable back-off, and "
              + (entry.getValue().status() == NodeStatus.SUCCEEDED
                  ? "succeeded on attempt " + attempts + "."
                  : "ended " + entry.getValue().status().wireName() + ".");
    }
    return lines;
  }

  private List<String> decisions() {
    var lines = new ArrayList<String>();
    for (ExecutionEvent e : events) {
      if (e.type() == EventType.DECISION_TAKEN) {
        Object output = e.data().getOrDefault("output", e.data());
        Object branch = output instanceof Map<?, ?> m ? m.get("branch") : null;
        lines.add(
            "Decision: "
                + e.nodePath()
                + (branch == null ? " matched no branch." : " chose '" + branch + "'."));
      }
    }
    return lines;
  }
}
