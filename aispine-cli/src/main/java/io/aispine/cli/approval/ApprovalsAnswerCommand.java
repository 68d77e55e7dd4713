package io.aispine.cli.approval;

import io.aispine.api.Approval;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine approvals approve|reject ID [--comment TEXT]}: answers a pending approval. */
abstract class ApprovalsAnswerCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The approval id (ap_…).")
  String approvalId;

  @Option(
      names = {"-m", "--comment"},
      paramLabel = "TEXT",
      description = "Why; kept with the answer in the execution's history.")
  String comment;

  /** True to approve, false to reject. */
  abstract boolean approves();

  @Override
  protected int run(AispineClient client, Output out) {
    Approval a =
        approves() ? client.approve(approvalId, comment) : client.reject(approvalId, comment);
    if (out.isJson()) {
      out.json(a);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("approval", a.id());
    fields.put("status", a.status().wireName());
    fields.put("by", a.answeredBy());
    fields.put("comment", a.comment());
    fields.put("execution", a.execution() + " (node " + a.node() + ")");
    out.fields(fields);
    out.writer().println("Follow it: " + Hint.aispine() + " flow watch " + a.execution());
    out.writer().flush();
    return ExitCodes.OK;
  }

  /** {@code aispine approvals approve ID}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a pending approval; the execution goes on with approved: true.")
  static final class Approve extends ApprovalsAnswerCommand {
    @Override
    boolean approves() {
      return true;
    }
  }

  /** {@code aispine approvals reject ID}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Reject a pending approval; the execution goes on with approved: false.")
  static final class Reject extends ApprovalsAnswerCommand {
    @Override
    boolean approves() {
      return false;
    }
  }
}
