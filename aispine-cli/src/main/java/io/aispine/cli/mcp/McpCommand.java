package io.aispine.cli.mcp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aispine mcp …}: the Model Context Protocol both ways: the MCP servers whose tools flows
 * call ({@code mcp: server/tool}), and {@code serve}, AI Spine as an MCP server.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Model Context Protocol. list, add, tools, test, remove and allow manage the MCP servers"
          + " whose tools flows call; 'serve' offers a server's approved flows to an AI client over"
          + " stdio (the server itself serves MCP over HTTP at /mcp).",
    },
    subcommands = {
      McpServerCommands.ListServers.class,
      McpServerCommands.Add.class,
      McpServerCommands.Tools.class,
      McpServerCommands.Test.class,
      McpServerCommands.Remove.class,
      McpServerCommands.Allow.class,
      McpServeCommand.class
    })
public final class McpCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
