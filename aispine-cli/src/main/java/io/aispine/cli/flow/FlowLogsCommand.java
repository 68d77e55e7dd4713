package io.aispine.cli.flow;

import io.aispine.api.HistoryEvent;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine flow logs EXECUTION}: an execution's recorded history, one line per event. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Print an execution's recorded history: every event with its time, node and attempt.")
final class FlowLogsCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "EXECUTION", description = "The execution id (ex_…).")
  String executionId;

  @Override
  protected int run(AispineClient client, Output out) {
    List<HistoryEvent> history = client.history(executionId);
    if (out.isJson()) {
      out.json(Map.of("items", history));
      return ExitCodes.OK;
    }
    Instant origin = history.isEmpty() ? null : history.getFirst().time();
    out.table(
        List.of("seq", "time", "+elapsed", "event", "node", "attempt", "detail"),
        history.stream()
            .map(
                e ->
                    List.of(
                        Long.toString(e.seq()),
                        e.time() == null
                            ? "-"
                            : e.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(),
                        elapsed(origin, e.time()),
                        e.type(),
                        Output.cell(e.node()),
                        e.attempt() == null || e.attempt() == 0 ? "-" : e.attempt().toString(),
                        detail(e)))
            .toList(),
        "No events recorded for " + executionId + ".");
    return ExitCodes.OK;
  }

  private static String elapsed(Instant origin, Instant at) {
    if (origin == null || at == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "+%.3fs", Duration.between(origin, at).toMillis() / 1000.0);
  }

  /**
   * The one fact worth reading in an event's data: its error, delay, branch, reason, approval or
   * duration.
   */
  static String detail(HistoryEvent e) {
    Map<String, Object> d = e.data();
    if (d.get("delay_ms") != null) {
      return "retry in " + ProgressPrinter.ms(d.get("delay_ms"));
    }
    if (d.get("error") != null) {
      return ProgressPrinter.error(d.get("error"));
    }
    if ("decision.taken".equals(e.type())) {
      Object output = d.getOrDefault("output", d);
      Object branch = output instanceof Map<?, ?> m ? m.get("branch") : d.get("branch");
      return branch == null ? "no branch" : "chose '" + branch + "'";
    }
    if ("node.reused".equals(e.type())) {
      return "reused from " + d.get("origin");
    }
    if (d.get("replay_of") instanceof Map<?, ?> origin) {
      return "replay of " + origin.get("execution") + " from " + origin.get("from");
    }
    if (d.get("reason") != null) {
      return d.get("reason").toString().replace('_', ' ');
    }
    if ("approval.requested".equals(e.type())) {
      return d.get("approval_id") + ": " + d.get("message");
    }
    if ("approval.answered".equals(e.type())) {
      return (Boolean.TRUE.equals(d.get("approved")) ? "approved by " : "rejected by ")
          + d.get("by")
          + (d.get("comment") == null ? "" : ": " + d.get("comment"));
    }
    if ("approval.expired".equals(e.type())) {
      return "unanswered; on_timeout " + d.get("on_timeout");
    }
    if (d.get("duration_ms") != null) {
      return "took " + ProgressPrinter.ms(d.get("duration_ms"));
    }
    if (d.get("fire_at") != null) {
      return "until " + d.get("fire_at");
    }
    return "";
  }
}
