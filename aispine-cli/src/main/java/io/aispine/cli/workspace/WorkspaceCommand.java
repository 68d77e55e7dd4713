package io.aispine.cli.workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine workspace …}: workspaces, plans and quotas. */
@Command(
    name = "workspace",
    mixinStandardHelpOptions = true,
    description =
        "Create, list and show workspaces and set their plan and quotas (owner key); 'show'"
            + " without an id shows your own workspace to any key.",
    subcommands = {
      WorkspaceCreateCommand.class,
      WorkspaceListCommand.class,
      WorkspaceShowCommand.class,
      WorkspaceQuotaCommand.class
    })
public final class WorkspaceCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
