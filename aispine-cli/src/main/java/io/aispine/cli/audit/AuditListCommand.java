package io.aispine.cli.audit;

import io.aispine.api.AuditEntry;
import io.aispine.api.Page;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.AuditQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aispine audit list}: the audit log, oldest first, a page at a time. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List audit entries, oldest first: every change and every refused request.")
final class AuditListCommand extends RemoteCommand {

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Only entries recorded at or after this time, e.g. 2026-12-07T09:00:00Z.")
  String since;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      description = "Only this action, e.g. execution.start, flow.deploy, get.")
  String action;

  @Option(
      names = "--outcome",
      paramLabel = "OUTCOME",
      description = "Only this outcome: ok, refused or error.")
  String outcome;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most N entries (1–500, default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "The next page, as printed by the previous one.")
  String cursor;

  @Option(names = "--json", description = "Print the API's JSON (same as -o json).")
  boolean json;

  @Override
  protected int run(AispineClient client, Output out) {
    if (limit < 1 || limit > 500) {
      throw new CliException(ExitCodes.USAGE, "--limit must be between 1 and 500, got " + limit);
    }
    var query =
        AuditQuery.all()
            .withSince(since == null ? null : instant(since))
            .withAction(action)
            .withOutcome(outcome)
            .withLimit(limit)
            .withCursor(cursor);
    Page<AuditEntry> page = client.listAudit(query);
    if (json || out.isJson()) {
      out.json(page);
      return ExitCodes.OK;
    }
    out.table(
        List.of("seq", "at", "action", "target", "outcome", "key", "role", "source", "request"),
        page.items().stream()
            .map(
                e ->
                    List.of(
                        Long.toString(e.seq()),
                        Output.time(e.at()),
                        e.action(),
                        target(e),
                        e.status() == null ? e.outcome() : e.outcome() + " " + e.status(),
                        Output.cell(e.keyId()),
                        Output.cell(e.role()),
                        Output.cell(e.source()),
                        e.requestId()))
            .toList(),
        "No audit entries.");
    if (page.hasMore()) {
      out.writer().println("More: " + Hint.aispine() + " audit list --cursor " + page.nextCursor());
    }
    out.writer().flush();
    return ExitCodes.OK;
  }

  private static String target(AuditEntry e) {
    return e.targetType() == null ? "-" : e.targetType() + " " + e.targetId();
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "--since must be an ISO-8601 time such as 2026-12-07T09:00:00Z, got '" + text + "'");
    }
  }
}
