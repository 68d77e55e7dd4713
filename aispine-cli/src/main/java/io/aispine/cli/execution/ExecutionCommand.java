package io.aispine.cli.execution;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine execution …}: list, inspect, cancel, retry, replay and diff executions. */
@Command(
    name = "execution",
    mixinStandardHelpOptions = true,
    description =
        "List, inspect, cancel, retry, replay and compare executions on an AI Spine server.",
    subcommands = {
      ExecutionListCommand.class,
      ExecutionGetCommand.class,
      ExecutionCancelCommand.class,
      ExecutionRetryCommand.class,
      ExecutionReplayCommand.class,
      ExecutionDiffCommand.class
    })
public final class ExecutionCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
