package io.aispine.cli.approval;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine approvals …}: the approvals executions wait for, and answering them. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = "List the approvals executions wait for, and approve or reject them.",
    subcommands = {
      ApprovalsListCommand.class,
      ApprovalsAnswerCommand.Approve.class,
      ApprovalsAnswerCommand.Reject.class
    })
public final class ApprovalsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
