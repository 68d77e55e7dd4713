package io.aispine.cli.mcp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine mcp …}: the MCP servers whose tools flows call ({@code mcp: server/tool}). */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = "MCP servers of the workspace: list, add, tools, test, remove, allow.",
    subcommands = {
      McpServerCommands.ListServers.class,
      McpServerCommands.Add.class,
      McpServerCommands.Tools.class,
      McpServerCommands.Test.class,
      McpServerCommands.Remove.class,
      McpServerCommands.Allow.class
    })
public final class McpCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
