package io.aispine.cli.mcp;

import io.aispine.api.McpAllowlist;
import io.aispine.api.McpServer;
import io.aispine.api.McpServerCheck;
import io.aispine.api.McpServerRequest;
import io.aispine.api.McpTool;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The subcommands of {@code aispine mcp} that manage a workspace's MCP servers. */
final class McpServerCommands {

  private McpServerCommands() {}

  /** {@code aispine mcp list}: servers with their session status. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the MCP servers.")
  static final class ListServers extends RemoteCommand {
    @Override
    protected int run(AispineClient client, Output out) {
      List<McpServer> servers = client.listMcpServers();
      if (out.isJson()) {
        out.json(servers);
        return ExitCodes.OK;
      }
      out.table(
          List.of("NAME", "TRANSPORT", "TARGET", "CONNECTED", "TOOLS", "LATENCY", "LAST ERROR"),
          servers.stream()
              .map(
                  s ->
                      List.of(
                          s.name(),
                          s.transport(),
                          s.command() != null ? s.command() : s.url(),
                          s.status().connected() ? "yes" : "no",
                          Integer.toString(s.status().toolCount()),
                          s.status().latencyMs() == null ? "-" : s.status().latencyMs() + " ms",
                          s.status().lastError() == null ? "" : s.status().lastError()))
              .toList(),
          "no MCP servers; add one with `aispine mcp add NAME --command …` or `--endpoint …`");
      return ExitCodes.OK;
    }
  }

  /** {@code aispine mcp add NAME (--command C [--arg A]… | --endpoint U) …}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add an MCP server (or replace one of the same name). Its command or URL must be on"
              + " the workspace's allowlist (`aispine mcp allow`).")
  static final class Add extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "As flows call it: mcp: NAME/tool")
    String name;

    @Option(names = "--command", description = "A stdio server: the program to start.")
    String command;

    @Option(names = "--arg", paramLabel = "ARG", description = "An argument of --command.")
    List<String> args = new ArrayList<>();

    @Option(
        names = "--env",
        paramLabel = "NAME=VALUE",
        description = "An environment variable of --command; VALUE may be ${secrets.NAME}.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
        names = "--endpoint",
        paramLabel = "URL",
        description = "A streamable HTTP server: its MCP endpoint (--url names AI Spine's server).")
    String url;

    @Option(
        names = "--header",
        paramLabel = "NAME=VALUE",
        description = "A header sent to --endpoint; VALUE may be ${secrets.NAME}.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(
        names = "--tool",
        paramLabel = "TOOL=PERMISSION",
        description = "A tool's permission: allow, deny or approval.")
    Map<String, String> tools = new LinkedHashMap<>();

    @Option(
        names = "--other-tools",
        paramLabel = "PERMISSION",
        description = "The permission of tools not named with --tool; default allow.")
    String otherTools;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Default 20.")
    Integer connectTimeout;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", description = "Default 60.")
    Integer callTimeout;

    @Override
    protected int run(AispineClient client, Output out) {
      if ((command == null) == (url == null)) {
        err().println("give either --command (a stdio server) or --endpoint (streamable HTTP)");
        err().flush();
        return ExitCodes.USAGE;
      }
      McpServer server =
          client.addMcpServer(
              new McpServerRequest(
                  name,
                  command != null ? "stdio" : "http",
                  command,
                  command != null ? args : null,
                  command != null ? env : null,
                  url,
                  url != null ? headers : null,
                  connectTimeout,
                  callTimeout,
                  tools,
                  otherTools));
      if (out.isJson()) {
        out.json(server);
      } else {
        out.writer().println("added MCP server " + server.name() + " (" + server.transport() + ")");
        out.writer().flush();
      }
      return ExitCodes.OK;
    }
  }

  /** {@code aispine mcp tools NAME}. */
  @Command(
      name = "tools",
      mixinStandardHelpOptions = true,
      description = "List a server's tools and their permissions (connects when needed).")
  static final class Tools extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      List<McpTool> tools = client.listMcpTools(name);
      if (out.isJson()) {
        out.json(tools);
        return ExitCodes.OK;
      }
      out.table(
          List.of("TOOL", "PERMISSION", "ARGUMENTS", "DESCRIPTION"),
          tools.stream()
              .map(
                  t ->
                      List.of(
                          t.name(),
                          t.permission(),
                          arguments(t),
                          t.description() == null ? "" : firstLine(t.description())))
              .toList(),
          "the server lists no tools");
      return ExitCodes.OK;
    }

    private static String arguments(McpTool tool) {
      Object properties = tool.inputSchema().get("properties");
      return properties instanceof Map<?, ?> map ? String.join(", ", keys(map)) : "";
    }

    private static List<String> keys(Map<?, ?> map) {
      return map.keySet().stream().map(String::valueOf).toList();
    }

    private static String firstLine(String text) {
      int end = text.indexOf('\n');
      return end < 0 ? text : text.substring(0, end);
    }
  }

  /** {@code aispine mcp test NAME}: exit 1 when it is down. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Connect to a server and ping it now. Exit code 1 when it is down.")
  static final class Test extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      McpServerCheck check = client.testMcpServer(name);
      if (out.isJson()) {
        out.json(check);
      } else {
        out.writer()
            .println(
                name
                    + ": "
                    + check.status()
                    + " in "
                    + check.latencyMs()
                    + " ms, "
                    + check.toolCount()
                    + " tools"
                    + (check.error() == null ? "" : ": " + check.error().message()));
        out.writer().flush();
      }
      return check.status().equals("ok") ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** {@code aispine mcp remove NAME}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a server and close its session.")
  static final class Remove extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      client.deleteMcpServer(name);
      out.writer().println("removed MCP server " + name);
      out.writer().flush();
      return ExitCodes.OK;
    }
  }

  /** {@code aispine mcp allow ENTRY}: an admin allows a command or URL. */
  @Command(
      name = "allow",
      mixinStandardHelpOptions = true,
      description =
          "Allow a command or URL (a prefix when it ends in *) to be added as an MCP server"
              + " (admin keys); without ENTRY, show the allowlist.")
  static final class Allow extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ENTRY", arity = "0..1")
    String entry;

    @Override
    protected int run(AispineClient client, Output out) {
      McpAllowlist list = entry == null ? client.mcpAllowlist() : client.allowMcp(entry);
      if (out.isJson()) {
        out.json(list);
      } else {
        list.entries().forEach(out.writer()::println);
        out.writer().flush();
      }
      return ExitCodes.OK;
    }
  }
}
