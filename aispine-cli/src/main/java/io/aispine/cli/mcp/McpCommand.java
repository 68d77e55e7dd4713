package io.aispine.cli.mcp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine mcp …}: the Model Context Protocol, with AI Spine as the server. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Model Context Protocol. 'serve' offers a server's approved flows to an AI client over"
          + " stdio (the server itself serves MCP over HTTP at /mcp).",
    },
    subcommands = {McpServeCommand.class})
public final class McpCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
