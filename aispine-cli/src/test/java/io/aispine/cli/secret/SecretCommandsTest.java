package io.aispine.cli.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.cli.Main;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine secrets …} in-process against a real server on a random port. */
class SecretCommandsTest {

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
    if (server != null) {
      server.close();
    }
    SecretSetCommand.stdin = System.in;
    System.clearProperty("aispine.config");
  }

  private record Run(int exitCode, String out, String err) {}

  private Run secrets(String stdin, String... args) {
    SecretSetCommand.stdin =
        new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
    var all = new ArrayList<>(List.of("secrets"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", url, "--token", key));
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void sets_from_stdin_or_a_file_lists_rotates_and_deletes_without_showing_a_value()
      throws Exception {
    Run set = secrets("from-stdin-value\n", "set", "API_TOKEN");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("API_TOKEN").doesNotContain("from-stdin-value");
    Path file = home.resolve("key.pem");
    Files.writeString(file, "file-value\n");
    assertThat(secrets(null, "set", "PEM", "--from-file", file.toString()).exitCode()).isZero();

    Run list = secrets(null, "list");
    assertThat(list.out()).contains("API_TOKEN").contains("PEM").doesNotContain("value");
    Run rotate = secrets(null, "rotate", "-o", "json");
    assertThat(rotate.out()).contains("\"reencrypted\"").contains("2");
    assertThat(secrets(null, "delete", "PEM").exitCode()).isZero();
    assertThat(secrets(null, "list").out()).doesNotContain("PEM");
    Run gone = secrets(null, "delete", "PEM");
    assertThat(gone.exitCode()).isEqualTo(8);
  }

  @Test
  void refuses_an_empty_value_and_a_bad_name() {
    assertThat(secrets("", "set", "EMPTY").exitCode()).isEqualTo(2);
    Run bad = secrets("v", "set", "bad-name");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("[A-Za-z_]");
  }

  private static final String USES_A_SECRET =
      """
      id: uses-secret
      version: 1.0.0
      nodes:
        - id: call
          agent: echo
          with: {header: "Bearer ${secrets.API_TOKEN}"}
      outputs:
        header: "${nodes.call.output.header}"
      """;

  private Run localRun(Path data) throws Exception {
    Path flow = home.resolve("uses-secret.yaml");
    Files.writeString(flow, USES_A_SECRET);
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("run", flow.toString(), "--data-dir", data.toString(), "-o", "json");
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void a_local_run_on_the_servers_data_dir_puts_its_secrets_into_agent_calls() throws Exception {
    assertThat(secrets("s3cr3t-local-value", "set", "API_TOKEN").exitCode()).isZero();
    server.close(); // a data dir serves one process at a time
    server = null;

    Run run = localRun(dataDir);

    assertThat(run.exitCode()).as(run.err()).isZero();
    // the echo agent got the value (it comes back masked), not the placeholder
    assertThat(run.out())
        .contains("Bearer ***")
        .doesNotContain("s3cr3t-local-value")
        .doesNotContain("${secrets.");
  }

  @Test
  void a_local_run_without_secrets_fails_the_node_naming_the_secret_and_how_to_set_it()
      throws Exception {
    Path empty = home.resolve("no-secrets");

    Run run = localRun(empty);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out() + run.err())
        .contains("SECRET_NOT_FOUND")
        .contains("'API_TOKEN'")
        .contains("has no secrets keyset")
        .contains("aispine secrets set API_TOKEN")
        .contains("--data-dir " + empty.toAbsolutePath());
  }
}
