package io.aispine.cli.output;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionEvent;
import io.aispine.flow.Flow;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Prints an execution's events as they happen: one line per node start, end, retry or skip. */
public final class ProgressPrinter {

  private final PrintWriter out;
  private final String flowRef;
  private final java.util.Set<String> decisionIds;
  private final Terminal term;
  private final int width;
  private final boolean remote;
  private Instant origin;

  public ProgressPrinter(PrintWriter out, Flow flow, Terminal term) {
    this(
        out,
        flow.ref(),
        flow.nodes().stream().map(n -> n.id()).toList(),
        flow.nodes().stream()
            .filter(n -> n instanceof io.aispine.flow.DecisionNode)
            .map(n -> n.id())
            .collect(java.util.stream.Collectors.toSet()),
        term,
        false);
  }

  /**
   * A printer for a flow known by its reference, node ids and decision node ids (from a server).
   */
  ProgressPrinter(
      PrintWriter out,
      String flowRef,
      java.util.List<String> nodeIds,
      java.util.Set<String> decisionIds,
      Terminal term) {
    this(out, flowRef, nodeIds, decisionIds, term, true);
  }

  /** {@code remote}: the execution runs on a server, where its approvals can be answered. */
  private ProgressPrinter(
      PrintWriter out,
      String flowRef,
      java.util.List<String> nodeIds,
      java.util.Set<String> decisionIds,
      Terminal term,
      boolean remote) {
    this.remote = remote;
    this.out = out;
    this.flowRef = flowRef;
    this.decisionIds = java.util.Set.copyOf(decisionIds);
    this.term = term;
    this.width = Math.max(12, nodeIds.stream().mapToInt(String::length).max().orElse(0));
  }

  public void started(String executionId) {
    out.println(term.bold("Running " + flowRef) + term.dim("  (" + executionId + ")"));
    out.flush();
  }

  public void print(ExecutionEvent event) {
    if (origin == null) {
      origin = event.at();
    }
    String line = describe(event);
    if (line != null) {
      out.println(term.dim(String.format(Locale.ROOT, "  %7s ", elapsed(event.at()))) + line);
      out.flush();
    }
  }

  private String describe(ExecutionEvent e) {
    Map<String, Object> d = e.data();
    String node = e.nodePath() == null ? "" : String.format("%-" + width + "s", e.nodePath());
    return switch (e.type()) {
      case NODE_STARTED -> "  " + node + "  started" + attempt(e.attempt());
      case NODE_COMPLETED ->
          isDecision(e.nodePath())
              ? null // its "chose" line already said it
              : term.green("✓ ") + node + "  succeeded" + took(d.get("duration_ms"));
      case NODE_FAILED ->
          term.red("✗ ") + node + "  failed" + attempt(e.attempt()) + ": " + error(d.get("error"));
      case NODE_RETRYING ->
          term.yellow("↻ ")
              + node
              + "  retrying in "
              + ms(d.get("delay_ms"))
              + " (attempt "
              + d.getOrDefault("next_attempt", e.attempt() + 1)
              + ")";
      case NODE_SKIPPED -> term.dim("- " + node + "  skipped" + reason(d.get("reason")));
      case NODE_CANCELLED -> term.yellow("⊘ ") + node + "  cancelled";
      case NODE_LEASE_EXPIRED ->
          term.yellow("! ") + node + "  worker lost; running attempt " + e.attempt() + " again";
      case NODE_DEFERRED ->
          term.yellow("… ") + node + "  waiting: " + d.get("reason") + " until " + d.get("until");
      case NODE_REUSED ->
          term.dim(
              "= "
                  + node
                  + "  reused "
                  + d.getOrDefault("status", "result")
                  + " from "
                  + d.get("origin"));
      case DECISION_TAKEN -> "? " + node + "  chose " + branch(d);
      case TIMER_STARTED ->
          e.nodePath() != null && d.containsKey("fire_at")
              ? "  " + node + "  waiting until " + d.get("fire_at")
              : null;
      case EXECUTION_COMPLETED -> term.green(term.bold("Succeeded")) + took(sinceStart(e));
      case EXECUTION_FAILED -> term.red(term.bold("Failed")) + ": " + error(d.get("error"));
      case EXECUTION_CANCELLED -> term.yellow(term.bold("Cancelled")) + reason(d.get("reason"));
      case EXECUTION_RETRIED -> term.yellow("↻ Retrying") + " " + d.get("nodes");
      case APPROVAL_REQUESTED ->
          term.yellow("⏸ ")
              + node
              + "  waiting for approval "
              + d.get("approval_id")
              + ": "
              + d.get("message")
              + term.dim(
                  remote
                      ? "  (answer: "
                          + Hint.aispine()
                          + " approvals approve|reject "
                          + d.get("approval_id")
                          + ")"
                      : "  (a local run cannot be answered: it waits for its timeout; deploy the"
                          + " flow to a server to answer it)");
      case APPROVAL_ANSWERED ->
          "  "
              + node
              + (Boolean.TRUE.equals(d.get("approved")) ? "  approved" : "  rejected")
              + " by "
              + d.get("by")
              + (d.get("comment") == null ? "" : ": " + d.get("comment"));
      case APPROVAL_EXPIRED ->
          term.yellow("⌛ ")
              + node
              + "  approval expired unanswered (on_timeout: "
              + d.get("on_timeout")
              + ")";
      case LOOP_ITERATION_STARTED -> "↺ " + node + "  iteration " + d.get("iteration");
      case FORK_JOINED ->
          "⋈ "
              + node
              + "  joined ("
              + d.get("strategy")
              + ")"
              + (d.get("winner") == null ? "" : ", winner " + d.get("winner"));
      // an item's nodes print their own lines; an iteration's value is in its nodes' lines
      case EXECUTION_STARTED,
          NODE_SCHEDULED,
          TIMER_FIRED,
          LOOP_ITERATION_COMPLETED,
          FOREACH_ITEM_STARTED ->
          null;
    };
  }

  private boolean isDecision(String path) {
    return path != null && decisionIds.contains(path);
  }

  private Object sinceStart(ExecutionEvent e) {
    return origin == null ? null : Duration.between(origin, e.at()).toMillis();
  }

  private String elapsed(Instant at) {
    long ms = Duration.between(origin, at).toMillis();
    return ms < 10_000
        ? String.format(Locale.ROOT, "+%.3fs", ms / 1000.0)
        : String.format(Locale.ROOT, "+%.1fs", ms / 1000.0);
  }

  private static String attempt(int attempt) {
    return attempt > 1 ? " (attempt " + attempt + ")" : "";
  }

  private static String took(Object millis) {
    return millis == null ? "" : " in " + ms(millis);
  }

  public static String ms(Object millis) {
    if (!(millis instanceof Number n)) {
      return "?";
    }
    long v = n.longValue();
    return v < 1000 ? v + " ms" : String.format(Locale.ROOT, "%.2f s", v / 1000.0);
  }

  private static String reason(Object reason) {
    return reason == null ? "" : " (" + reason.toString().replace('_', ' ') + ")";
  }

  private static String branch(Map<String, Object> data) {
    Object output = data.getOrDefault("output", data);
    if (output instanceof Map<?, ?> m && m.get("branch") != null) {
      return "'" + m.get("branch") + "'";
    }
    Object branch = data.get("branch");
    return branch == null ? "no branch (nothing activated)" : "'" + branch + "'";
  }

  public static String error(Object error) {
    if (error instanceof ErrorInfo info) {
      return info.code() + " " + info.message();
    }
    if (error instanceof Map<?, ?> m) {
      return m.get("code") + " " + m.get("message");
    }
    return String.valueOf(error);
  }
}
