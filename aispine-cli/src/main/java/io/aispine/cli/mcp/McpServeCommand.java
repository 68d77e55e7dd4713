package io.aispine.cli.mcp;

import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import picocli.CommandLine.Command;

/**
 * {@code aispine mcp serve}: serves over stdio the MCP tools, resources and prompts of a remote AI
 * Spine server ({@code --url}, {@code --token} as for every remote command), for AI clients that
 * start their servers as processes (Claude Desktop, the MCP Inspector). Runs until stdin closes.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a server's MCP tools, resources and prompts over stdio (JSON-RPC on stdin/stdout;"
          + " logs on stderr) until stdin closes. Only approved flow versions are reachable, as"
          + " at the server's /mcp; the key's role and workspace apply.",
    })
public final class McpServeCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) throws Exception {
    // the raw streams: stdout carries JSON-RPC only, nothing may be printed there but messages
    try (var in = new FileInputStream(FileDescriptor.in);
        var stdout = new FileOutputStream(FileDescriptor.out)) {
      McpStdioBridge.serve(server.url(), server.token(), in, stdout);
    }
    return ExitCodes.OK;
  }
}
