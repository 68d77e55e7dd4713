package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aispine.agents.contract.SignatureVerifier;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.HistoryEvent;
import io.aispine.sdk.AispineClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI against a server in another process, as an operator uses them: init, deploy,
 * run, watch, logs; a kill -9 of the server with executions in flight; and a served built-in agent
 * called by a flow over real HTTP with a verified signature.
 */
class RemoteDistributionIT {

  private static final Path DIST = Path.of(System.getProperty("aispine.dist", "target/aispine"));
  private static final Pattern EXECUTION_ID = Pattern.compile("ex_[0-9a-z]+");

  @TempDir Path work;

  private final List<Process> processes = new CopyOnWriteArrayList<>();

  @AfterEach
  void killProcesses() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void operator_workflow_survives_a_server_killed_with_executions_in_flight() throws Exception {
    Path data = work.resolve("data");
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    Process server = startServer(port, data, "server-1.log");

    var init = cli("init", "--url", url, "--data-dir", data.toString());
    assertThat(init.exitCode()).as(init.output()).isZero();
    assertThat(Files.getPosixFilePermissions(work.resolve("config.yaml")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    try (Stream<Path> examples = Files.list(Path.of("../examples/flows"))) {
      for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        var deploy = cli("flow", "deploy", "--approve", example.toString());
        assertThat(deploy.exitCode()).as(example + ": " + deploy.output()).isZero();
      }
    }
    Path chain = work.resolve("crash-chain.yaml");
    Files.writeString(
        chain,
        """
        id: crash-chain
        version: 1.0.0
        description: Five steps in a row; s2 is long, so the server is killed in the middle of it.
        nodes:
          - {id: s1, agent: sleep, with: {ms: 300}}
          - {id: s2, agent: sleep, needs: [s1], with: {ms: 30000}}
          - {id: s3, agent: sleep, needs: [s2], with: {ms: 300}}
          - {id: s4, agent: sleep, needs: [s3], with: {ms: 300}}
          - {id: s5, agent: sleep, needs: [s4], with: {ms: 300}}
        """);
    assertThat(cli("flow", "deploy", "--approve", chain.toString()).exitCode()).isZero();

    var hello = cli("flow", "run", "hello", "-i", "name=Dist", "--wait");
    assertThat(hello.exitCode()).as(hello.output()).isZero();
    assertThat(hello.output()).containsPattern("greet +succeeded").contains("Hello, Dist!");
    var logs = cli("flow", "logs", executionId(hello.output()));
    assertThat(logs.output()).containsPattern("node\\.completed +greet +1");

    var ids = new ArrayList<String>();
    var first = cli("flow", "run", "crash-chain");
    assertThat(first.exitCode()).as(first.output()).isZero();
    ids.add(executionId(first.output()));
    String key = Files.readString(data.resolve("admin.key")).strip();
    try (var client = AispineClient.builder().baseUrl(url).token(key).build()) {
      // the other two from this JVM: a CLI start per execution can take seconds on a loaded
      // machine, and all three must still be mid-chain when the server is killed
      for (int i = 0; i < 2; i++) {
        ids.add(client.startExecution("crash-chain", Map.of()).id());
      }
      Path watchLog = work.resolve("watch.log");
      Process watch = start(cliCommand("flow", "watch", ids.getFirst()), watchLog);
      // Kill the server once the watcher follows and every execution is in the middle of its chain.
      // s2 lasts 30 s so that the three starts and the watcher's JVM (seconds each on a loaded
      // machine) all fit before the first execution could finish: with 1.5 s steps, a loaded CI
      // machine sometimes saw a chain end before the kill.
      await(Duration.ofSeconds(60), () -> log(watchLog).contains("s1"));
      await(
          Duration.ofSeconds(60),
          () -> ids.stream().allMatch(id -> completed(client, id).containsKey("s1")));
      assertThat(ids).noneMatch(id -> client.getExecution(id).status().terminal());
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      startServer(port, data, "server-2.log");

      await(
          Duration.ofSeconds(180),
          () -> ids.stream().allMatch(id -> client.getExecution(id).status().terminal()));
      for (String id : ids) {
        assertThat(client.getExecution(id).status()).as(id).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(completed(client, id))
            .as("node.completed per node of " + id)
            .containsOnlyKeys("s1", "s2", "s3", "s4", "s5")
            .allSatisfy((node, count) -> assertThat(count).as(node).isEqualTo(1L));
      }
      assertThat(watch.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(watchLog)).isTrue();
      String watched = Files.readString(watchLog);
      assertThat(watch.exitValue()).as(watched).isZero();
      assertThat(watched).contains("resumed without gaps").containsPattern("s5 +succeeded");
      for (String node : List.of("s1", "s2", "s3", "s4", "s5")) {
        assertThat(watched).containsPattern(node + " +succeeded");
      }
    }
  }

  @Test
  void a_served_builtin_agent_is_called_with_idempotency_key_traceparent_and_valid_signature()
      throws Exception {
    String secret = "shared-secret-of-the-agent";
    int agentPort = freePort();
    Path agentLog = work.resolve("agent.log");
    start(
        cliCommand(
            "agent", "serve", "echo", "--port", Integer.toString(agentPort), "--secret", secret),
        agentLog);
    await(Duration.ofSeconds(30), () -> log(agentLog).contains("Serving built-in agent echo"));
    assertThat(log(agentLog)).contains("http://127.0.0.1:" + agentPort);

    // A tap between the server and the agent: records each call as sent, forwards it unchanged.
    var calls = new CopyOnWriteArrayList<Map<String, String>>();
    HttpServer tap = tap(agentPort, calls);
    try {
      Path data = work.resolve("data");
      int port = freePort();
      startServer(port, data, "server.log");
      cli("init", "--url", "http://127.0.0.1:" + port, "--data-dir", data.toString());

      String tapUrl = "http://127.0.0.1:" + tap.getAddress().getPort();
      var register =
          cli("agent", "register", "tapped-echo", tapUrl, "--version", "1.0.0", "--secret", secret);
      assertThat(register.exitCode()).as(register.output()).isZero();
      Path flow = work.resolve("tapped.yaml");
      Files.writeString(
          flow,
          """
          id: tapped
          version: 1.0.0
          nodes:
            - id: call
              agent: tapped-echo@^1
              with: {text: "over real HTTP"}
          outputs:
            text: "${nodes.call.output.text}"
          """);
      assertThat(cli("flow", "deploy", "--approve", flow.toString()).exitCode()).isZero();

      var run = cli("flow", "run", "tapped", "--wait");
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("text: \"over real HTTP\"");
      String id = executionId(run.output());

      var execute = calls.stream().filter(c -> c.get("path").equals("/execute")).toList();
      assertThat(execute).hasSize(1);
      Map<String, String> call = execute.getFirst();
      assertThat(call.get("idempotency-key")).isEqualTo(id + "/call/1");
      assertThat(call.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
      SignatureVerifier.of(secret)
          .verify(
              call.get("aispine-id"),
              call.get("aispine-timestamp"),
              call.get("aispine-signature"),
              call.get("body").getBytes(StandardCharsets.UTF_8));
      assertThat(call.get("status")).isEqualTo("200"); // the served agent accepted the signature
    } finally {
      tap.stop(0);
    }
  }

  // ---- processes

  private record Outcome(int exitCode, String output) {}

  private List<String> cliCommand(String... args) {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(DIST.resolve("lib").toAbsolutePath() + "/*");
    command.add("io.aispine.cli.Main");
    command.addAll(List.of(args));
    return command;
  }

  private Outcome cli(String... args) throws Exception {
    var builder = new ProcessBuilder(cliCommand(args)).redirectErrorStream(true);
    builder.environment().put("AISPINE_CONFIG", work.resolve("config.yaml").toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), out);
  }

  private Process start(List<String> command, Path log) throws IOException {
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("AISPINE_CONFIG", work.resolve("config.yaml").toString());
    Process p = builder.start();
    processes.add(p);
    return p;
  }

  /** Starts {@code aispine server} from the distribution, as a user would, and waits for it. */
  private Process startServer(int port, Path data, String logName) throws Exception {
    List<String> command =
        cliCommand("server", "--port", Integer.toString(port), "--data-dir", data.toString());
    Path log = work.resolve(logName);
    Process server = start(command, log);
    var http = HttpClient.newHttpClient();
    await(
        Duration.ofSeconds(60),
        () -> {
          if (!server.isAlive()) {
            throw new AssertionError("the server exited:\n" + log(log));
          }
          try {
            var health =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
            return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
    return server;
  }

  // ---- helpers

  private static HttpServer tap(int agentPort, List<Map<String, String>> calls) throws IOException {
    var forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpServer tap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tap.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          var call = new ConcurrentHashMap<String, String>();
          call.put("path", exchange.getRequestURI().getPath());
          call.put("body", new String(body, StandardCharsets.UTF_8));
          var request =
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + agentPort + exchange.getRequestURI()))
                  .method(
                      exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) -> {
                    call.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst());
                    if (!List.of(
                            "host", "content-length", "connection", "upgrade", "http2-settings")
                        .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                      values.forEach(v -> request.header(name, v));
                    }
                  });
          try {
            HttpResponse<byte[]> answer =
                forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            call.put("status", Integer.toString(answer.statusCode()));
            answer
                .headers()
                .firstValue("content-type")
                .ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            exchange.sendResponseHeaders(
                answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
          } finally {
            calls.add(call);
            exchange.close();
          }
        });
    tap.start();
    return tap;
  }

  private static Map<String, Long> completed(AispineClient client, String executionId) {
    return client.history(executionId).stream()
        .filter(e -> "node.completed".equals(e.type()))
        .collect(Collectors.groupingBy(HistoryEvent::node, Collectors.counting()));
  }

  private static String executionId(String output) {
    Matcher m = EXECUTION_ID.matcher(output);
    assertThat(m.find()).as("an execution id in: " + output).isTrue();
    return m.group();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String log(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Duration limit, Check check) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + limit.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }
}
