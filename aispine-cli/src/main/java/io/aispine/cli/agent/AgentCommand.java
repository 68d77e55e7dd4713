package io.aispine.cli.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine agent …}: agents on a server, and serving a built-in agent over HTTP. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "List, show, register, deprecate, health-check, drain and limit agents on a server and read"
            + " their calls; serve a built-in agent.",
    subcommands = {
      AgentListCommand.class,
      AgentShowCommand.class,
      AgentRegisterCommand.class,
      AgentDeprecateCommand.class,
      AgentHealthCommand.class,
      AgentDrainCommand.class,
      AgentUndrainCommand.class,
      AgentLimitsCommand.class,
      AgentCallsCommand.class,
      AgentServeCommand.class,
      AgentTestCommand.class,
      AgentCreateCommand.class
    })
public final class AgentCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
