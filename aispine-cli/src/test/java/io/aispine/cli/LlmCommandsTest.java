package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.llm.standin.StandInLlm;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine provider|costs|budget}, in-process, against a real server and model stand-in. */
class LlmCommandsTest {

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private StandInLlm standIn;
  private String url;
  private String key;

  @BeforeEach
  void start() {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    standIn = StandInLlm.start();
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    key = server.adminKeyCreated().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    standIn.close();
    System.clearProperty("aispine.config");
  }

  private CliRun remote(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url, "--token", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void adds_lists_tests_and_defaults_providers() {
    var add =
        remote(
            "provider",
            "add",
            "local",
            "--kind",
            "ollama",
            "--base-url",
            standIn.url(),
            "--model",
            "llama3");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("default: true").contains("api key: none");

    var list = remote("provider", "list");
    assertThat(list.out()).contains("local").contains("ollama").contains("llama3");
    var test = remote("provider", "test", "local");
    assertThat(test.exitCode()).isZero();
    assertThat(test.out()).startsWith("local: ok in ");

    standIn.down(true);
    var down = remote("provider", "test", "local");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.out()).contains("down").contains("PROVIDER_UNAVAILABLE");
    assertThat(remote("provider", "default", "local").exitCode()).isZero();
  }

  @Test
  void sets_and_lists_budgets_and_shows_costs() {
    var set = remote("budget", "set", "--period", "daily", "--limit", "2.5");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(remote("budget", "list").out()).contains("workspace").contains("2.500000");

    var costs = remote("costs", "--by", "day");
    assertThat(costs.exitCode()).as(costs.err()).isZero();
    assertThat(costs.out()).contains("no model calls recorded");
    var bad = remote("costs", "--by", "hour");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("group_by");
  }
}
