package io.aispine.cli.flow;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aispine flow …}: flows on a server: deploy, approve, reject, diff, list, show, run, watch,
 * logs.
 */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    description = "Deploy, approve, inspect and run flows on an AI Spine server.",
    subcommands = {
      FlowDeployCommand.class,
      FlowDecideCommand.Approve.class,
      FlowDecideCommand.Reject.class,
      FlowDiffCommand.class,
      FlowListCommand.class,
      FlowShowCommand.class,
      FlowRunCommand.class,
      FlowWatchCommand.class,
      FlowLogsCommand.class
    })
public final class FlowCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
