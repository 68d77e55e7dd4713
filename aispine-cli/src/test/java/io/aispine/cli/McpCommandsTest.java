package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.mcp.EverythingServer;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine mcp …}, in-process, against a real server and the MCP reference server. */
class McpCommandsTest {

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String url;
  private String key;

  @BeforeEach
  void start() {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    key = server.adminKeyCreated().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("aispine.config");
  }

  private CliRun remote(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url, "--token", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void allows_adds_lists_shows_tools_tests_and_removes_a_server() throws Exception {
    List<String> command = EverythingServer.stdioCommand();
    String[] add = {
      "mcp",
      "add",
      "everything",
      "--command",
      command.get(0),
      "--arg",
      command.get(1),
      "--arg",
      command.get(2),
      "--tool",
      "get-env=deny"
    };

    var refused = remote(add);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("not on the allowlist").contains("aispine mcp allow");

    assertThat(remote("mcp", "allow", command.get(0)).exitCode()).isZero();
    var added = remote(add);
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).contains("added MCP server everything (stdio)");

    var tools = remote("mcp", "tools", "everything");
    assertThat(tools.exitCode()).as(tools.err()).isZero();
    assertThat(tools.out()).contains("echo").contains("get-sum").contains("deny");
    var test = remote("mcp", "test", "everything");
    assertThat(test.exitCode()).as(test.err()).isZero();
    assertThat(test.out()).startsWith("everything: ok in ");
    var list = remote("mcp", "list");
    assertThat(list.out()).contains("everything").contains("stdio").contains("yes");

    assertThat(remote("mcp", "remove", "everything").exitCode()).isZero();
    assertThat(remote("mcp", "list").out()).contains("no MCP servers");
  }
}
