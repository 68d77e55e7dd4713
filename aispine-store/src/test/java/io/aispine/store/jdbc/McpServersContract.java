package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.store.McpServers;
import io.aispine.store.McpServers.Http;
import io.aispine.store.McpServers.Permission;
import io.aispine.store.McpServers.Server;
import io.aispine.store.McpServers.Stdio;
import io.aispine.store.McpServers.Timeouts;
import io.aispine.store.McpServers.ToolPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every dialect must do with the MCP servers of workspaces and their allowlists. */
abstract class McpServersContract extends StoreContract {

  @Test
  void keeps_servers_per_workspace_with_endpoint_timeouts_and_policy_and_replaces_by_name() {
    McpServers servers = store.mcpServers();
    var stdio =
        new Server(
            "acme",
            "files",
            new Stdio(
                "/usr/bin/node", List.of("server.js", "stdio"), Map.of("TOKEN", "${secrets.T}")),
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(90)),
            new ToolPolicy(
                Map.of("delete", Permission.DENY, "move", Permission.APPROVAL), Permission.ALLOW),
            T0);
    servers.save(stdio);
    servers.save(
        new Server(
            "acme",
            "web",
            new Http("https://mcp.example.com/mcp", Map.of("Authorization", "Bearer ${secrets.K}")),
            null,
            null,
            T0));

    assertThat(servers.find("acme", "files")).contains(stdio);
    assertThat(servers.find("globex", "files")).isEmpty();
    assertThat(servers.list("acme")).extracting(Server::name).containsExactly("files", "web");
    Server web = servers.find("acme", "web").orElseThrow();
    assertThat(web.endpoint()).isInstanceOf(Http.class);
    assertThat(web.timeouts()).isEqualTo(Timeouts.DEFAULT);
    assertThat(web.policy().of("anything")).isEqualTo(Permission.ALLOW);

    var moved =
        new Server("acme", "files", new Stdio("/opt/bin/files", null, null), null, null, T0);
    servers.save(moved);
    assertThat(servers.find("acme", "files").orElseThrow().endpoint()).isEqualTo(moved.endpoint());
    assertThat(servers.delete("acme", "files")).isTrue();
    assertThat(servers.delete("acme", "files")).isFalse();
  }

  @Test
  void keeps_an_allowlist_per_workspace() {
    McpServers servers = store.mcpServers();
    assertThat(servers.allow("acme", "/usr/bin/node")).isTrue();
    assertThat(servers.allow("acme", "/usr/bin/node")).isFalse();
    assertThat(servers.allow("acme", "https://mcp.example.com/*")).isTrue();

    assertThat(servers.allowlist("acme"))
        .containsExactly("/usr/bin/node", "https://mcp.example.com/*");
    assertThat(servers.allowlist("globex")).isEmpty();
    assertThat(servers.disallow("acme", "/usr/bin/node")).isTrue();
    assertThat(servers.disallow("acme", "/usr/bin/node")).isFalse();
  }
}
