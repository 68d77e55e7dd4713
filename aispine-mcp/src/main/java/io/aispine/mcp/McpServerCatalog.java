package io.aispine.mcp;

import io.aispine.agents.outbound.OutboundDeniedException;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.store.McpServers;
import io.aispine.store.McpServers.Http;
import io.aispine.store.McpServers.Server;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Adds and removes the MCP servers of a workspace: only what the workspace's allowlist admits, and
 * for URLs only what the outbound (SSRF) policy lets AI Spine reach. Removing a server closes its
 * session.
 */
public final class McpServerCatalog {

  private final McpServers store;
  private final McpSessions sessions;
  private final OutboundPolicy outbound;

  /** A catalog over {@code store}, closing sessions of {@code sessions}. */
  public McpServerCatalog(McpServers store, McpSessions sessions, OutboundPolicy outbound) {
    this.store = store;
    this.sessions = sessions;
    this.outbound = outbound;
  }

  /** The servers of a workspace. */
  public List<Server> list(String workspace) {
    return store.list(workspace);
  }

  /** Server {@code name} of {@code workspace}. */
  public Optional<Server> find(String workspace, String name) {
    return store.find(workspace, name);
  }

  /**
   * Adds (or replaces) {@code server}, closing a session opened with its former settings.
   *
   * @throws McpRefusedException when the allowlist or the outbound policy does not admit it
   */
  public void add(Server server) throws McpRefusedException {
    String target = server.endpoint().target();
    List<String> allowlist = store.allowlist(server.workspaceId());
    if (allowlist.stream().noneMatch(entry -> admits(entry, target))) {
      throw new McpRefusedException(
          "MCP server '"
              + server.name()
              + "' ("
              + target
              + ") is not on the allowlist of workspace '"
              + server.workspaceId()
              + "'"
              + (allowlist.isEmpty() ? ", which is empty" : "")
              + ": an admin adds it with 'aispine mcp allow "
              + target
              + "'");
    }
    if (server.endpoint() instanceof Http http) {
      checkReachable(server.name(), http.url(), outbound);
    }
    store.save(server);
    sessions.forget(server.workspaceId(), server.name());
  }

  /** Removes server {@code name} of {@code workspace} and closes its session; false if none. */
  public boolean remove(String workspace, String name) {
    sessions.forget(workspace, name);
    return store.delete(workspace, name);
  }

  /** Whether allowlist {@code entry} admits {@code target}: equal, or a prefix ending in '*'. */
  static boolean admits(String entry, String target) {
    if (entry.endsWith("*")) {
      return target.startsWith(entry.substring(0, entry.length() - 1));
    }
    return entry.equals(target);
  }

  /** Refuses a URL that the outbound policy does not let AI Spine reach. */
  static void checkReachable(String server, String url, OutboundPolicy outbound)
      throws McpRefusedException {
    try {
      URI uri = URI.create(url);
      outbound.checkUrl(uri);
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      outbound.resolve(uri.getHost(), port);
    } catch (IllegalArgumentException e) {
      throw new McpRefusedException(
          "MCP server '" + server + "': '" + url + "' is not a URL: " + e.getMessage());
    } catch (OutboundDeniedException e) {
      throw new McpRefusedException("MCP server '" + server + "': " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new McpRefusedException(
          "MCP server '" + server + "': " + url + " cannot be resolved: " + e.getMessage());
    }
  }
}
