package io.aispine.cli.demo;

import io.aispine.api.Execution;
import io.aispine.api.HistoryEvent;
import io.aispine.api.NodeRun;
import io.aispine.api.NodeState;
import io.aispine.cli.output.ProgressPrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains an execution from what the API recorded: which attempts overlapped in time, which nodes
 * were retried and why, which branches decisions took and what was skipped.
 */
final class Explanation {

  private record Span(String path, Instant start, Instant end) {}

  private final Execution execution;
  private final List<HistoryEvent> events;

  Explanation(Execution execution, List<HistoryEvent> events) {
    this.execution = execution;
    this.events = events;
  }

  List<String> lines() {
    var lines = new ArrayList<String>();
    parallelism().ifPresent(lines::add);
    lines.addAll(retries());
    lines.addAll(decisions());
    for (HistoryEvent e : events) {
      if ("node.skipped".equals(e.type())) {
        lines.add("Skipped: " + e.node() + " (" + skipReason(e.data().get("reason")) + ").");
      }
    }
    long attempts = execution.nodes().stream().mapToLong(n -> n.runs().size()).sum();
    lines.add(
        "History: "
            + events.size()
            + " events and "
            + attempts
            + " attempt records, each committed before the engine acted on it.");
    return lines;
  }

  private Optional<String> parallelism() {
    var spans = new ArrayList<Span>();
    for (NodeState node : execution.nodes()) {
      for (NodeRun run : node.runs()) {
        if (run.startedAt() != null && run.finishedAt() != null) {
          spans.add(new Span(node.path(), run.startedAt(), run.finishedAt()));
        }
      }
    }
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    spans.sort(Comparator.comparing(Span::start));
    // only the attempts that overlapped another one: their summed time against their span
    var overlapping = new ArrayList<Span>();
    int peak = 1;
    for (Span span : spans) {
      int concurrent = (int) spans.stream().filter(other -> overlaps(span, other)).count();
      peak = Math.max(peak, concurrent);
      if (concurrent > 1) {
        overlapping.add(span);
      }
    }
    if (overlapping.isEmpty()) {
      return Optional.of("Nodes ran one after another; none could run in parallel.");
    }
    long work = overlapping.stream().mapToLong(s -> millis(s.start(), s.end())).sum();
    Instant first = overlapping.get(0).start();
    Instant last = overlapping.stream().map(Span::end).max(Instant::compareTo).orElseThrow();
    return Optional.of(
        "Parallel branches: "
            + String.join(", ", overlapping.stream().map(Span::path).distinct().toList())
            + " ran at the same time (up to "
            + peak
            + " at once): "
            + ProgressPrinter.ms(work)
            + " of agent work took "
            + ProgressPrinter.ms(millis(first, last))
            + " of wall time.");
  }

  private static boolean overlaps(Span a, Span b) {
    return a.start().isBefore(b.end()) && b.start().isBefore(a.end());
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  private List<String> retries() {
    var lines = new ArrayList<String>();
    for (NodeState node : execution.nodes()) {
      if (node.attempts() < 2) {
        continue;
      }
      var retrying =
          events.stream()
              .filter(e -> "node.retrying".equals(e.type()) && node.path().equals(e.node()))
              .toList();
      String why =
          retrying.isEmpty()
              ? ""
              : " (" + ProgressPrinter.error(retrying.get(0).data().get("error")) + ")";
      long waited =
          retrying.stream()
              .mapToLong(e -> e.data().get("delay_ms") instanceof Number n ? n.longValue() : 0)
              .sum();
      lines.add(
          "Retry: "
              + node.path()
              + " failed "
              + (node.attempts() - 1)
              + " time(s)"
              + why
              + ", waited "
              + ProgressPrinter.ms(waited)
              + " of durable back-off, and "
              + ("succeeded".equals(node.status())
                  ? "succeeded on attempt " + node.attempts() + "."
                  : "ended " + node.status() + "."));
    }
    return lines;
  }

  private List<String> decisions() {
    var lines = new ArrayList<String>();
    for (HistoryEvent e : events) {
      if ("decision.taken".equals(e.type())) {
        Object output = e.data().getOrDefault("output", e.data());
        Object branch = output instanceof Map<?, ?> m ? m.get("branch") : null;
        lines.add(
            "Decision: "
                + e.node()
                + (branch == null ? " matched no branch." : " chose '" + branch + "'."));
      }
    }
    return lines;
  }

  private static String skipReason(Object reason) {
    if (reason == null) {
      return "not needed";
    }
    return switch (reason.toString()) {
      case "not_activated" -> "its branch was not taken";
      case "upstream_failed" -> "a node it needs failed";
      case "upstream_skipped" -> "a node it needs was skipped";
      default -> reason.toString().replace('_', ' ');
    };
  }
}
