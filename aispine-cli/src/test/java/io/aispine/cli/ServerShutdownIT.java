package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.NodeState;
import io.aispine.sdk.AispineClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server under a poison flow: a node whose input evaluates to a list of two billion
 * numbers. The start that meets it answers with a failed execution (not a 5xx), unrelated work goes
 * on, SIGTERM stops the process within its grace period while poisoned executions are in flight,
 * and the next start on the same data dir finishes them without wedging. Its log, not attached to a
 * terminal, is JSON lines that say what happened.
 */
class ServerShutdownIT {

  private static final Path DIST = Path.of(System.getProperty("aispine.dist", "target/aispine"));

  /** How long the test lets the server take to exit after SIGTERM: its grace period and more. */
  private static final Duration EXIT_PATIENCE = Duration.ofSeconds(60);

  /** The bound is an input, so no check of the flow's text can see the size coming. */
  private static final String BOMB_FIRST =
      """
      id: bomb-first
      version: 1.0.0
      inputs:
        n: {type: integer, required: true}
      nodes:
        - {id: bomb, agent: echo, with: {xs: "${1..inputs.n}"}}
      """;

  private static final String BOMB_LATER =
      """
      id: bomb-later
      version: 1.0.0
      inputs:
        n: {type: integer, required: true}
      nodes:
        - {id: first, agent: sleep, with: {ms: 300}}
        - {id: bomb, agent: echo, needs: first, with: {xs: "${1..inputs.n}"}}
      """;

  private static final String PLAIN =
      """
      id: plain
      version: 1.0.0
      nodes:
        - {id: a, agent: echo, with: {text: "still here"}}
      outputs:
        text: "${nodes.a.output.text}"
      """;

  private static final Map<String, Object> TWO_BILLION = Map.of("n", 2_000_000_000);

  @TempDir Path work;

  private final List<Process> processes = new CopyOnWriteArrayList<>();

  @AfterEach
  void killProcesses() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void sigterm_stops_the_server_while_poisoned_executions_run_and_a_restart_finishes_them()
      throws Exception {
    Path data = work.resolve("data");
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    Process server = startServer(port, data, "server-1.log");
    String key = Files.readString(data.resolve("admin.key")).strip();
    var later = new ArrayList<String>();
    String plainId;
    try (var client = client(url, key)) {
      client.deployApprovedFlow(BOMB_FIRST);
      client.deployApprovedFlow(BOMB_LATER);
      client.deployApprovedFlow(PLAIN);

      Execution first = client.startExecution("bomb-first", TWO_BILLION);
      assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
      assertPoisonRefused(node(first, "bomb"));

      for (int i = 0; i < 3; i++) {
        later.add(client.startExecution("bomb-later", TWO_BILLION).id());
      }
      Execution plain = awaitEnd(client, client.startExecution("plain", Map.of()).id());
      assertThat(plain.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(plain.outputs()).isEqualTo(Map.of("text", "still here"));
      plainId = plain.id();
    }

    server.destroy(); // SIGTERM, with bomb-later executions in flight
    assertThat(server.waitFor(EXIT_PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .as("the server exits after SIGTERM; its log:%n%s", log("server-1.log"))
        .isTrue();
    assertThat(log("server-1.log")).doesNotContain("OutOfMemoryError");
    List<JsonNode> lines = jsonLines("server-1.log");
    assertThat(lines)
        .extracting(l -> l.get("formattedMessage").asText())
        .contains(
            "AI Spine server listening on http://127.0.0.1:"
                + port
                + ", store: SQLite "
                + data.toAbsolutePath().normalize().resolve("aispine.db"),
            "deployed flow plain version 1.0.0 (1 nodes) as a draft",
            // the distribution carries the web console (aispine-ui), which the server serves
            "web console: http://127.0.0.1:" + port + "/")
        .anyMatch(m -> m.startsWith("shutting down: new requests get 503; "))
        .anyMatch(m -> m.startsWith("stopped in "));
    JsonNode plainFinished =
        lines.stream()
            .filter(l -> l.get("formattedMessage").asText().startsWith("execution " + plainId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no end of " + plainId + " in " + lines));
    assertThat(plainFinished.get("formattedMessage").asText())
        .matches("execution " + plainId + " of plain@1\\.0\\.0 succeeded in [0-9.]+ (ms|s)");
    assertThat(plainFinished.get("level").asText()).isEqualTo("INFO");
    assertThat(plainFinished.get("mdc").get("execution_id").asText()).isEqualTo(plainId);
    assertThat(plainFinished.get("mdc").get("trace_id").asText()).matches("[0-9a-f]{32}");

    startServer(port, data, "server-2.log");
    try (var client = client(url, key)) {
      for (String id : later) {
        Execution done = awaitEnd(client, id);
        assertThat(done.status()).as(id).isEqualTo(ExecutionStatus.FAILED);
        assertPoisonRefused(node(done, "bomb"));
      }
      Execution plain = awaitEnd(client, client.startExecution("plain", Map.of()).id());
      assertThat(plain.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  /**
   * The bomb node failed with a clear error: over the payload limit, or (once expressions bound
   * what they build) refused as an expression.
   */
  private static void assertPoisonRefused(NodeState bomb) {
    assertThat(bomb.status()).isEqualTo("failed");
    assertThat(bomb.error().code()).isIn("INPUT_TOO_LARGE", "EXPRESSION_ERROR");
    if (bomb.error().code().equals("INPUT_TOO_LARGE")) {
      assertThat(bomb.error().message())
          .startsWith("node 'bomb' input is more than ")
          .contains("AISPINE_MAX_NODE_PAYLOAD");
    }
  }

  private static NodeState node(Execution execution, String path) {
    return execution.nodes().stream()
        .filter(n -> n.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + path + " in " + execution));
  }

  private static Execution awaitEnd(AispineClient client, String id) {
    await(Duration.ofSeconds(60), () -> client.getExecution(id).status().terminal());
    return client.getExecution(id);
  }

  private static AispineClient client(String url, String key) {
    return AispineClient.builder()
        .baseUrl(url)
        .token(key)
        .requestTimeout(Duration.ofSeconds(60))
        .build();
  }

  // ---- processes

  private Process startServer(int port, Path data, String logName) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(DIST.resolve("lib").toAbsolutePath() + "/*");
    command.add("io.aispine.cli.Main");
    command.addAll(
        List.of("server", "--port", Integer.toString(port), "--data-dir", data.toString()));
    Path log = work.resolve(logName);
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // the defaults for a server without a terminal: JSON lines, lifecycle at INFO
    builder.environment().remove("AISPINE_LOG_FORMAT");
    builder.environment().remove("AISPINE_LOG_LEVEL");
    Process server = builder.start();
    processes.add(server);
    var http = HttpClient.newHttpClient();
    var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    await(
        Duration.ofSeconds(60),
        () -> {
          if (!server.isAlive()) {
            throw new AssertionError("the server exited:\n" + log(logName));
          }
          try {
            return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
    return server;
  }

  /** The log's JSON lines, each parsed (a line that starts like one must be one). */
  private List<JsonNode> jsonLines(String name) throws IOException {
    var mapper = new ObjectMapper();
    var lines = new ArrayList<JsonNode>();
    for (String line : log(name).split("\n")) {
      if (line.startsWith("{")) {
        lines.add(mapper.readTree(line));
      }
    }
    return lines;
  }

  private String log(String name) {
    try {
      Path log = work.resolve(name);
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void await(Duration limit, Callable<Boolean> check) {
    Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(check);
  }
}
