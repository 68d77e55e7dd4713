package io.aispine.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.store.McpServers;
import io.aispine.store.McpServers.Server;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code mcp} agent: calls the tool its action names ({@code server/tool}) on a server of the
 * execution's workspace, after the tool's permission and its input schema allow the call. The
 * result's text, content, structured content and {@code is_error} become the node's output; an
 * error the tool answers with fails the node with the tool's message.
 */
public final class McpAgent implements Agent {

  /** The error code of a tool whose permission is {@code deny}. */
  public static final String DENIED = "MCP_TOOL_DENIED";

  /** The error code of a tool whose permission asks for an approval. */
  public static final String NEEDS_APPROVAL = "MCP_APPROVAL_REQUIRED";

  /** The error code of arguments that break the tool's input schema. */
  public static final String INVALID_ARGUMENTS = "MCP_INVALID_ARGUMENTS";

  /** The error code of an error the tool answered with. */
  public static final String TOOL_ERROR = "MCP_TOOL_ERROR";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final McpServers servers;
  private final Function<String, String> workspaceOf;
  private final McpSessions sessions;

  /**
   * An agent over the servers of {@code servers}, the sessions of {@code sessions}.
   *
   * @param workspaceOf the workspace of an execution id
   */
  public McpAgent(McpServers servers, Function<String, String> workspaceOf, McpSessions sessions) {
    this.servers = servers;
    this.workspaceOf = workspaceOf;
    this.sessions = sessions;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    String action = call.action() == null ? "" : call.action();
    int slash = action.indexOf('/');
    if (slash <= 0 || slash == action.length() - 1) {
      throw new AgentException.Permanent(
          "MCP_BAD_TOOL", "the mcp agent needs server/tool as its action, got '" + action + "'");
    }
    String serverName = action.substring(0, slash);
    String toolName = action.substring(slash + 1);
    String workspace = workspaceOf.apply(call.executionId());
    Server server =
        servers
            .find(workspace, serverName)
            .orElseThrow(
                () ->
                    new AgentException.Permanent(
                        "MCP_SERVER_NOT_FOUND",
                        "node '"
                            + call.nodePath()
                            + "' calls MCP server '"
                            + serverName
                            + "', which workspace '"
                            + workspace
                            + "' has not added: add it with 'aispine mcp add "
                            + serverName
                            + " …' (see docs/mcp.md)"));
    switch (server.policy().of(toolName)) {
      case DENY ->
          throw new AgentException.Permanent(
              DENIED,
              "tool '"
                  + toolName
                  + "' of MCP server '"
                  + serverName
                  + "' is denied by the server's tool policy: an admin may change it with"
                  + " 'aispine mcp add "
                  + serverName
                  + " --tool "
                  + toolName
                  + "=allow …'");
      case APPROVAL ->
          throw new AgentException.Permanent(
              NEEDS_APPROVAL,
              "tool '"
                  + toolName
                  + "' of MCP server '"
                  + serverName
                  + "' needs a person's approval before each call, which flows express with an"
                  + " approval node before this one; calls that wait on their own are not"
                  + " supported yet: put an approval node before this node and set the tool to"
                  + " allow");
      case ALLOW -> {}
    }
    Map<String, Object> arguments = call.inputMap();
    try {
      McpSchema.Tool tool = tool(server, toolName);
      checkArguments(call, serverName, tool, arguments);
      Duration timeout = shortest(call.timeout(), server.timeouts().call());
      McpSchema.CallToolResult result = sessions.call(server, toolName, arguments, timeout);
      return output(serverName, toolName, result);
    } catch (McpUnavailableException e) {
      throw new AgentException.Unreachable("MCP_UNAVAILABLE", e.getMessage(), e);
    }
  }

  private McpSchema.Tool tool(Server server, String name)
      throws McpUnavailableException, AgentException {
    List<McpSchema.Tool> tools = sessions.tools(server);
    for (McpSchema.Tool tool : tools) {
      if (tool.name().equals(name)) {
        return tool;
      }
    }
    String names =
        tools.stream().map(McpSchema.Tool::name).sorted().collect(Collectors.joining(", "));
    throw new AgentException.Permanent(
        "MCP_TOOL_NOT_FOUND",
        "MCP server '" + server.name() + "' has no tool '" + name + "'; its tools: " + names);
  }

  private static void checkArguments(
      AgentCall call, String server, McpSchema.Tool tool, Map<String, Object> arguments)
      throws AgentException {
    if (tool.inputSchema() == null || tool.inputSchema().isEmpty()) {
      return;
    }
    JsonNode schema = MAPPER.valueToTree(tool.inputSchema());
    JsonNode value = MAPPER.valueToTree(arguments);
    String problems =
        switch (JsonSchemas.compileStored(schema).check(value)) {
          case JsonSchemas.Outcome.Checked checked -> JsonSchemas.describe(checked.violations());
          case JsonSchemas.Outcome.Unusable unusable ->
              "the tool's input schema cannot be applied: " + unusable.reason();
        };
    if (!problems.isEmpty()) {
      throw new AgentException.Permanent(
          INVALID_ARGUMENTS,
          "node '"
              + call.nodePath()
              + "': the arguments (with:) of "
              + server
              + "/"
              + tool.name()
              + " break its input schema: "
              + problems
              + " (see 'aispine mcp tools "
              + server
              + "')");
    }
  }

  private static AgentResult output(String server, String tool, McpSchema.CallToolResult result)
      throws AgentException {
    List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
    String text =
        content.stream()
            .filter(McpSchema.TextContent.class::isInstance)
            .map(c -> ((McpSchema.TextContent) c).text())
            .collect(Collectors.joining("\n"));
    if (Boolean.TRUE.equals(result.isError())) {
      throw new AgentException.Permanent(
          TOOL_ERROR,
          server
              + "/"
              + tool
              + " answered with an error: "
              + (text.isEmpty() ? "(no message)" : text));
    }
    var output = new LinkedHashMap<String, Object>();
    output.put("text", text);
    List<Object> items = new ArrayList<>();
    for (McpSchema.Content c : content) {
      items.add(MAPPER.convertValue(c, Object.class));
    }
    output.put("content", items);
    if (result.structuredContent() != null) {
      output.put("structured", MAPPER.convertValue(result.structuredContent(), Object.class));
    }
    output.put("is_error", false);
    return AgentResult.success(output);
  }

  private static Duration shortest(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return a.compareTo(b) < 0 ? a : b;
  }
}
