package io.aispine.cli.approval;

import io.aispine.api.Approval;
import io.aispine.api.ApprovalStatus;
import io.aispine.api.Page;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.ApprovalQuery;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aispine approvals list}: approvals, newest first; pending ones by default. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List approvals, newest first (pending ones unless --status says otherwise).")
final class ApprovalsListCommand extends RemoteCommand {

  /** The statuses a user may filter on (not UNKNOWN, which only a newer server could send). */
  enum StatusFilter {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    CANCELLED,
    ALL;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description =
          "Only approvals in this status: ${COMPLETION-CANDIDATES}; repeatable"
              + " (default: pending).")
  List<StatusFilter> statuses = List.of(StatusFilter.PENDING);

  @Option(names = "--execution", paramLabel = "ID", description = "Only this execution's.")
  String execution;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most this many (1–500, default 50).")
  int limit;

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
    List<ApprovalStatus> wanted =
        statuses.contains(StatusFilter.ALL)
            ? List.of()
            : statuses.stream().map(s -> ApprovalStatus.valueOf(s.name())).toList();
    var query =
        ApprovalQuery.all()
            .withStatuses(wanted)
            .withExecution(execution)
            .withLimit(limit)
            .withCursor(cursor);
    Page<Approval> page = client.listApprovals(query);
    if (out.isJson()) {
      out.json(page);
      return ExitCodes.OK;
    }
    out.table(
        List.of("id", "execution", "node", "status", "approvers", "asked", "expires", "message"),
        page.items().stream()
            .map(
                a ->
                    List.of(
                        a.id(),
                        a.execution(),
                        a.node(),
                        a.status().wireName() + answeredBy(a),
                        String.join(",", a.approvers()),
                        Output.time(a.createdAt()),
                        Output.time(a.expiresAt()),
                        Output.cell(a.message())))
            .toList(),
        statuses.equals(List.of(StatusFilter.PENDING))
            ? "No approvals waiting for an answer."
            : "No approvals.");
    if (page.hasMore()) {
      out.writer()
          .println("More: " + Hint.aispine() + " approvals list --cursor " + page.nextCursor());
    }
    if (!page.items().isEmpty() && wanted.equals(List.of(ApprovalStatus.PENDING))) {
      out.writer()
          .println("Answer: " + Hint.aispine() + " approvals approve|reject ID [--comment TEXT]");
    }
    out.writer().flush();
    return ExitCodes.OK;
  }

  private static String answeredBy(Approval a) {
    return a.answeredBy() == null ? "" : " by " + a.answeredBy();
  }
}
