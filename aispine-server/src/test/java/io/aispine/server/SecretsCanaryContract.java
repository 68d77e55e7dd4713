package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Plants a secret, runs flows that hand it to agents (one fails quoting its input, one succeeds
 * echoing it), then looks for its plaintext everywhere the server keeps or shows anything: every
 * API answer, both event streams, the log, every row of every table and the data dir's bytes. Run
 * on SQLite ({@link SqliteSecretsCanaryTest}) and PostgreSQL ({@link PostgresSecretsCanaryTest}).
 */
abstract class SecretsCanaryContract extends ServerTestBase {

  /** A connection to the server's database, for reading every row. */
  protected abstract Connection database() throws SQLException;

  /** The names of the server's tables in {@link #database()}. */
  protected abstract String tablesQuery();

  private final String canary = "canary-" + UUID.randomUUID();
  private final Queue received = new Queue();
  private final List<String> logLines = new ArrayList<>();
  private AppenderBase<ILoggingEvent> appender;
  private AgentServer leaky;
  private AgentServer echoer;

  /** What the loopback agents were sent, to prove the secret did reach them. */
  private static final class Queue extends ConcurrentLinkedQueue<String> {}

  @BeforeEach
  void captureLogsAndStartAgents() {
    appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            String line = event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
              line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            synchronized (logLines) {
              logLines.add(line);
            }
          }
        };
    appender.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    ((Logger) LoggerFactory.getLogger("io.aispine")).setLevel(Level.DEBUG);

    leaky =
        AgentServer.start(
            call -> {
              received.add(String.valueOf(call.input()));
              throw new AgentException.Permanent("REFUSED", "I refuse this input: " + call.input());
            },
            "leaky",
            "1.0.0",
            0,
            "whsec-leaky");
    echoer =
        AgentServer.start(
            call -> {
              received.add(String.valueOf(call.input()));
              return AgentResult.success(Map.of("echo", call.input()));
            },
            "echoer",
            "1.0.0",
            0,
            "whsec-echoer");
  }

  @AfterEach
  void stopAgentsAndCapture() {
    leaky.close();
    echoer.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    ((Logger) LoggerFactory.getLogger("io.aispine")).setLevel(null);
  }

  @Test
  void the_plaintext_of_a_secret_appears_in_no_answer_event_log_or_row() throws Exception {
    assertThat(api.putJson("/api/v1/secrets/CANARY", "{\"value\": \"" + canary + "\"}").status())
        .isEqualTo(201);
    register("leaky", leaky, "whsec-leaky");
    register("echoer", echoer, "whsec-echoer");
    String with =
        "{token: \"${secrets.CANARY}\", header: \"Bearer ${secrets.CANARY}\", q: \"${inputs.q}\"}";
    for (String agent : List.of("leaky", "echoer", "echo")) {
      assertThat(api.deploy(flow(agent, with)).status()).isIn(200, 201);
    }
    assertThat(api.deploy(flow("echo", "{token: \"${secrets.MISSING}\"}")).status()).isIn(200, 201);

    String failing = api.start("use-leaky", "{\"q\": \"x\"}");
    String echoing = api.start("use-echoer", "{\"q\": \"x\"}");
    String builtin = api.start("use-echo", "{\"q\": \"x\"}");
    // data that names a secret is data: it is passed on as written, never replaced by the value
    String smuggled = api.start("use-echoer", "{\"q\": \"${secrets.CANARY}\"}");
    JsonNodeAssert.failedWith(api.awaitFinished(failing), "REFUSED");
    assertThat(api.awaitFinished(echoing).get("status").asText()).isEqualTo("succeeded");
    assertThat(api.awaitFinished(builtin).get("status").asText()).isEqualTo("succeeded");
    assertThat(api.awaitFinished(smuggled).get("status").asText()).isEqualTo("succeeded");

    // the agents did get the value, in the call only
    assertThat(received).anySatisfy(input -> assertThat(input).contains("Bearer " + canary));
    assertThat(received)
        .anySatisfy(input -> assertThat(input).contains("q=${secrets.CANARY}"))
        .allSatisfy(input -> assertThat(input).doesNotContain("q=" + canary));

    // an unknown secret fails the node for good, naming the secret
    var missing = api.awaitFinished(api.start("use-echo-missing", "{}"));
    assertThat(missing.toString()).contains("SECRET_NOT_FOUND").contains("'MISSING'");

    // the echoed output is redacted (the stored input keeps the placeholder: checked below)
    assertThat(api.get("/api/v1/executions/" + echoing).body()).contains("Bearer ***");
    var refused = api.get("/api/v1/executions/" + failing).body();
    assertThat(refused).contains("I refuse this input").contains("***");

    List<String> answers = new ArrayList<>();
    for (String path :
        List.of(
            "/api/v1/executions",
            "/api/v1/flows",
            "/api/v1/agents",
            "/api/v1/approvals",
            "/api/v1/secrets",
            "/api/v1/agents/leaky/calls",
            "/api/v1/agents/echoer/calls",
            "/api/v1/agents/echo/calls",
            "/openapi.json",
            "/metrics")) {
      answers.add(path + " " + api.get(path).body());
    }
    int events = 0;
    for (String id : List.of(failing, echoing, builtin, smuggled, missing.get("id").asText())) {
      answers.add(api.get("/api/v1/executions/" + id).body());
      var history = api.get("/api/v1/executions/" + id + "/events");
      answers.add(history.body());
      events += history.json().get("items").size();
      try (var stream = SseReader.open(api, "/api/v1/executions/" + id + "/stream", null)) {
        answers.add(stream.rest().toString());
      }
    }
    try (var global = SseReader.open(api, "/api/v1/events/stream", "0")) {
      for (int i = 0; i < events; i++) {
        answers.add(String.valueOf(global.next()));
      }
    }
    assertThat(answers)
        .hasSizeGreaterThan(20)
        .allSatisfy(a -> assertThat(a).doesNotContain(canary));

    server.close();
    synchronized (logLines) {
      assertThat(logLines).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(canary));
    }
    assertNoRowHolds();
    // the keyset and admin key, and with SQLite the database files themselves
    try (Stream<Path> files = Files.list(dataDir)) {
      byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
      for (Path file : files.toList()) {
        assertThat(indexOf(Files.readAllBytes(file), needle)).as(file.toString()).isEqualTo(-1);
      }
    }
    server = null;
  }

  private void assertNoRowHolds() throws Exception {
    int rows = 0;
    int placeholders = 0;
    try (var connection = database()) {
      List<String> tables = new ArrayList<>();
      try (var result = connection.createStatement().executeQuery(tablesQuery())) {
        while (result.next()) {
          tables.add(result.getString(1));
        }
      }
      assertThat(tables).contains("secrets", "node_runs", "agents");
      for (String table : tables) {
        try (var result = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            rows++;
            for (int c = 1; c <= columns; c++) {
              byte[] bytes = result.getBytes(c);
              String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
              assertThat(text).as(table + " column " + c).doesNotContain(canary);
              placeholders += text.contains("Bearer ${secrets.CANARY}") ? 1 : 0;
            }
          }
        }
      }
    }
    assertThat(rows).isGreaterThan(30);
    assertThat(placeholders).as("stored inputs keep the placeholder").isPositive();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void register(String name, AgentServer agent, String secret) {
    var created =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \""
                + name
                + "\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
                + agent.port()
                + "\", \"secret\": \""
                + secret
                + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  private static String flow(String agent, String with) {
    String id = "use-" + agent + (with.contains("MISSING") ? "-missing" : "");
    return """
        id: %s
        version: 1.0.0
        inputs:
          q: {type: string}
        nodes:
          - id: call
            agent: %s
            retry: {max_attempts: 1}
            with: %s
        outputs:
          got: "${nodes.call.output}"
        """
        .formatted(id, agent, with);
  }

  /** Assertions on execution views. */
  private static final class JsonNodeAssert {
    static void failedWith(com.fasterxml.jackson.databind.JsonNode execution, String code) {
      assertThat(execution.get("status").asText()).isEqualTo("failed");
      assertThat(execution.toString()).contains(code);
    }
  }
}
