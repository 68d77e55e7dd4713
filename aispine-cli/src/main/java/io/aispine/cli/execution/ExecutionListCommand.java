package io.aispine.cli.execution;

import io.aispine.api.ExecutionStatus;
import io.aispine.api.ExecutionSummary;
import io.aispine.api.Page;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.ExecutionQuery;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aispine execution list}: executions, newest first, with filters. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List executions, newest first.")
final class ExecutionListCommand extends RemoteCommand {

  /** The statuses a user may filter on (not UNKNOWN, which only a newer server could send). */
  enum StatusFilter {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Option(names = "--flow", paramLabel = "ID", description = "Only executions of this flow.")
  String flow;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only executions in this status: ${COMPLETION-CANDIDATES}; repeatable.")
  List<StatusFilter> statuses = List.of();

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most this many (1–500, default 50).")
  int limit;

  @Option(
      names = "--replay-of",
      paramLabel = "ID",
      description = "Only the replays of this execution ('execution replay').")
  String replayOf;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "The next page, as printed by the previous one.")
  String cursor;

  @Override
  protected int run(AispineClient client, Output out) {
    if (limit < 1 || limit > 500) {
      throw new CliException(ExitCodes.USAGE, "--limit must be between 1 and 500, got " + limit);
    }
    var query =
        ExecutionQuery.all()
            .withFlow(flow)
            .withStatuses(statuses.stream().map(s -> ExecutionStatus.valueOf(s.name())).toList())
            .withLimit(limit)
            .withCursor(cursor)
            .withReplayOf(replayOf);
    Page<ExecutionSummary> page = client.listExecutions(query);
    if (out.isJson()) {
      out.json(page);
      return ExitCodes.OK;
    }
    out.table(
        List.of("id", "flow", "version", "status", "created", "finished", "error"),
        page.items().stream()
            .map(
                e ->
                    List.of(
                        e.id(),
                        e.flow(),
                        Output.cell(e.version()),
                        e.status().wireName(),
                        Output.time(e.createdAt()),
                        Output.time(e.finishedAt()),
                        e.error() == null ? "-" : e.error().code()))
            .toList(),
        "No executions.");
    if (page.hasMore()) {
      out.writer()
          .println("More: " + Hint.aispine() + " execution list --cursor " + page.nextCursor());
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
