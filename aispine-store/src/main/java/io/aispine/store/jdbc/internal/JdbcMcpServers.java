package io.aispine.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.store.McpServers;
import io.aispine.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MCP servers in {@code mcp_servers}, their allowlist in {@code mcp_allowlist}. */
public final class JdbcMcpServers implements McpServers {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COLUMNS =
      "workspace_id, name, endpoint, policy, connect_timeout_ms, call_timeout_ms, created_at";

  private final ConnectionPools pools;

  /** Servers over the given pools. */
  public JdbcMcpServers(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public void save(Server server) {
    JdbcModelProviders.Writes.update(
        pools,
        "INSERT INTO mcp_servers ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (workspace_id, name) DO UPDATE SET endpoint = excluded.endpoint,"
            + " policy = excluded.policy, connect_timeout_ms = excluded.connect_timeout_ms,"
            + " call_timeout_ms = excluded.call_timeout_ms",
        "storing MCP server " + server.name(),
        s -> {
          s.setString(1, server.workspaceId());
          s.setString(2, server.name());
          s.setString(3, write(endpointJson(server.endpoint())));
          s.setString(4, write(policyJson(server.policy())));
          s.setLong(5, server.timeouts().connect().toMillis());
          s.setLong(6, server.timeouts().call().toMillis());
          Timestamps.set(s, 7, server.createdAt());
        });
  }

  @Override
  public Optional<Server> find(String workspaceId, String name) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM mcp_servers WHERE workspace_id = ? AND name = ?",
            "reading MCP server " + name,
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, name);
            },
            JdbcMcpServers::server)
        .stream()
        .findFirst();
  }

  @Override
  public List<Server> list(String workspaceId) {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM mcp_servers WHERE workspace_id = ? ORDER BY name",
        "listing MCP servers",
        s -> s.setString(1, workspaceId),
        JdbcMcpServers::server);
  }

  @Override
  public boolean delete(String workspaceId, String name) {
    return JdbcModelProviders.Writes.update(
            pools,
            "DELETE FROM mcp_servers WHERE workspace_id = ? AND name = ?",
            "deleting MCP server " + name,
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, name);
            })
        > 0;
  }

  @Override
  public List<String> allowlist(String workspaceId) {
    return Query.list(
        pools.reader(),
        "SELECT entry FROM mcp_allowlist WHERE workspace_id = ? ORDER BY entry",
        "reading the MCP allowlist",
        s -> s.setString(1, workspaceId),
        row -> row.getString(1));
  }

  @Override
  public boolean allow(String workspaceId, String entry) {
    return JdbcModelProviders.Writes.update(
            pools,
            "INSERT INTO mcp_allowlist (workspace_id, entry, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (workspace_id, entry) DO NOTHING",
            "adding to the MCP allowlist",
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, entry);
              Timestamps.set(s, 3, Instant.now());
            })
        > 0;
  }

  @Override
  public boolean disallow(String workspaceId, String entry) {
    return JdbcModelProviders.Writes.update(
            pools,
            "DELETE FROM mcp_allowlist WHERE workspace_id = ? AND entry = ?",
            "removing from the MCP allowlist",
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, entry);
            })
        > 0;
  }

  private static Server server(ResultSet row) throws SQLException {
    return new Server(
        row.getString("workspace_id"),
        row.getString("name"),
        endpoint(read(row.getString("endpoint"))),
        new Timeouts(
            Duration.ofMillis(row.getLong("connect_timeout_ms")),
            Duration.ofMillis(row.getLong("call_timeout_ms"))),
        policy(read(row.getString("policy"))),
        Timestamps.get(row, "created_at"));
  }

  private static ObjectNode endpointJson(Endpoint endpoint) {
    ObjectNode root = MAPPER.createObjectNode();
    switch (endpoint) {
      case Stdio stdio -> {
        ObjectNode o = root.putObject("stdio");
        o.put("command", stdio.command());
        stdio.args().forEach(o.putArray("args")::add);
        ObjectNode env = o.putObject("env");
        stdio.env().forEach(env::put);
      }
      case Http http -> {
        ObjectNode o = root.putObject("http");
        o.put("url", http.url());
        ObjectNode headers = o.putObject("headers");
        http.headers().forEach(headers::put);
      }
    }
    return root;
  }

  private static Endpoint endpoint(JsonNode json) {
    if (json.has("stdio")) {
      JsonNode o = json.get("stdio");
      var args = new ArrayList<String>();
      o.path("args").forEach(a -> args.add(a.asText()));
      return new Stdio(o.get("command").asText(), args, strings(o.path("env")));
    }
    JsonNode o = json.get("http");
    return new Http(o.get("url").asText(), strings(o.path("headers")));
  }

  private static ObjectNode policyJson(ToolPolicy policy) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode tools = root.putObject("tools");
    policy.tools().forEach((tool, permission) -> tools.put(tool, permission.wireName()));
    root.put("others", policy.others().wireName());
    return root;
  }

  private static ToolPolicy policy(JsonNode json) {
    var tools = new LinkedHashMap<String, Permission>();
    json.path("tools")
        .fields()
        .forEachRemaining(
            e -> tools.put(e.getKey(), Permission.of(e.getValue().asText()).orElseThrow()));
    return new ToolPolicy(tools, Permission.of(json.path("others").asText("allow")).orElseThrow());
  }

  private static Map<String, String> strings(JsonNode object) {
    var map = new LinkedHashMap<String, String>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static String write(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an MCP server's settings are always JSON", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "an MCP server row holds invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
