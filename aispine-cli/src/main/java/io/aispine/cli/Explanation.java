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
    state
        .nodes()
        .forEach(
            (path, node) -> {
              if (node.status() == NodeStatus.SKIPPED) {
                lines.add("Skipped: " + path + " (" + skipReason(node.reason()) + ").");
              }
            });
    lines.add(
        "History: "
            + events.size()
            + " events and "
            + runs.size()
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
    // Only the attempts that overlapped another one: their summed time against their span.
    var overlapping = new ArrayList<NodeRun>();
    int peak = 1;
    for (NodeRun run : finished) {
      int concurrent = (int) finished.stream().filter(other -> overlaps(run, other)).count();
      peak = Math.max(peak, concurrent);
      if (concurrent > 1) {
        overlapping.add(run);
      }
    }
    if (overlapping.isEmpty()) {
      return java.util.Optional.of("Nodes ran one after another; none could run in parallel.");
    }
    long work = overlapping.stream().mapToLong(r -> millis(r.startedAt(), r.finishedAt())).sum();
    Instant first = overlapping.get(0).startedAt();
    Instant last = overlapping.stream().map(NodeRun::finishedAt).max(Instant::compareTo).get();
    var names = overlapping.stream().map(NodeRun::path).distinct().toList();
    return java.util.Optional.of(
        "Parallel branches: "
            + String.join(", ", names)
            + " ran at the same time (up to "
            + peak
            + " at once): "
            + ProgressPrinter.ms(work)
            + " of agent work took "
            + ProgressPrinter.ms(millis(first, last))
            + " of wall time.");
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
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
          failures.isEmpty()
              ? ""
              : " (" + ProgressPrinter.error(failures.get(0).data().get("error")) + ")";
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
                  : "ended " + entry.getValue().status().wireName() + "."));
    }
    return lines;
  }

  private static String skipReason(String reason) {
    if (reason == null) {
      return "not needed";
    }
    return switch (reason) {
      case "not_activated" -> "its branch was not taken";
      case "upstream_failed" -> "a node it needs failed";
      case "upstream_skipped" -> "a node it needs was skipped";
      default -> reason.replace('_', ' ');
    };
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
