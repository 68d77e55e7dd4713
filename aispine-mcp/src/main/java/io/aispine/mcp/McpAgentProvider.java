package io.aispine.mcp;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentProvider;
import java.util.function.Supplier;

/**
 * Provides the {@code mcp} agent that {@code mcp: server/tool} nodes call. Found through {@link
 * java.util.ServiceLoader} it knows no servers and fails each call saying so; a server replaces it
 * with one over its store (the servers each workspace added).
 */
public final class McpAgentProvider implements AgentProvider {

  private final Supplier<Agent> agent;

  /** The provider {@link java.util.ServiceLoader} creates: no servers configured. */
  public McpAgentProvider() {
    this.agent =
        () ->
            call -> {
              throw new AgentException.Permanent(
                  "MCP_NOT_CONFIGURED",
                  "mcp nodes call the MCP servers a workspace added, which a server keeps: run"
                      + " the flow on `aispine server` and add the server with `aispine mcp add`");
            };
  }

  /** A provider of {@code agent}, built by the host over its store. */
  public McpAgentProvider(McpAgent agent) {
    this.agent = () -> agent;
  }

  @Override
  public String name() {
    return "mcp";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Calls a tool of an MCP server the workspace added (mcp: server/tool in a flow).";
  }

  @Override
  public Agent create() {
    return agent.get();
  }
}
