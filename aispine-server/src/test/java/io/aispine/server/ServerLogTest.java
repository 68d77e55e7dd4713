package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A server says in its log what an operator follows: where it listens and on which store, the flows
 * deployed, executions started and finished, approvals asked and answered, what it resumed after a
 * restart, and how its shutdown went; with the execution and flow in the MDC.
 */
class ServerLogTest {

  private static final String REFUND =
      """
      id: refund
      version: 2.1.0
      nodes:
        - id: review
          type: approval
          message: "Refund?"
          approvers: {roles: [operator]}
          timeout: 24h
        - {id: pay, agent: echo, needs: review, with: {paid: true}}
      """;

  @TempDir Path dataDir;

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger aispine;
  private Level levelBefore;
  private AispineServer server;

  @BeforeEach
  void capture() {
    aispine = (Logger) LoggerFactory.getLogger("io.aispine");
    levelBefore = aispine.getLevel();
    aispine.setLevel(Level.DEBUG);
    captured.setContext(aispine.getLoggerContext());
    captured.start();
    aispine.addAppender(captured);
  }

  @AfterEach
  void release() {
    if (server != null) {
      server.close();
    }
    aispine.detachAppender(captured);
    aispine.setLevel(levelBefore);
  }

  @Test
  void logs_start_deploys_executions_approvals_recovery_and_shutdown() {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    var api = new Api(server.port(), server.adminKeyCreated().orElseThrow());
    assertThat(line(Level.INFO, "AI Spine server listening on"))
        .isEqualTo(
            "AI Spine server listening on http://127.0.0.1:"
                + server.port()
                + ", store: SQLite "
                + dataDir.toAbsolutePath().normalize().resolve("aispine.db"));

    assertThat(api.deploy(ServerTestBase.HELLO).status()).isEqualTo(201);
    assertThat(api.deploy(REFUND).status()).isEqualTo(201);
    ILoggingEvent deployed = event(Level.INFO, "deployed flow refund");
    assertThat(deployed.getFormattedMessage())
        .isEqualTo("deployed flow refund version 2.1.0 (2 nodes) as a draft");
    assertThat(deployed.getMDCPropertyMap()).containsEntry("flow", "refund@2.1.0");
    assertThat(deployed.getMDCPropertyMap().get("trace_id")).matches("[0-9a-f]{32}");

    String hello = api.start("hello", "{\"name\": \"Ada\"}");
    assertThat(api.awaitFinished(hello).get("status").asText()).isEqualTo("succeeded");
    assertThat(line(Level.DEBUG, "execution " + hello))
        .isEqualTo("execution " + hello + " of hello@1.0.0 started");
    ILoggingEvent finished =
        await().until(() -> find(Level.INFO, "execution " + hello), Optional::isPresent).get();
    assertThat(finished.getFormattedMessage())
        .matches("execution " + hello + " of hello@1\\.0\\.0 succeeded in [0-9.]+ (ms|s)");
    assertThat(finished.getMDCPropertyMap())
        .containsEntry("execution_id", hello)
        .containsEntry("flow", "hello@1.0.0");

    String refund = api.start("refund", "{}");
    String requested = awaitLine(Level.INFO, "approval ");
    assertThat(requested)
        .matches(
            "approval ap_\\S+ requested by execution "
                + refund
                + " at node review \\(approvers: \\[operator], expires: \\S+\\)");

    // a restart with the approval pending: its timeout timer is armed again
    server.close();
    assertThat(line(Level.INFO, "shutting down"))
        .isEqualTo(
            "shutting down: new requests get 503; 0 node attempts running get up to 10 s to"
                + " finish");
    assertThat(line(Level.INFO, "stopped in"))
        .matches("stopped in \\d+ ms; 0 node attempts did not finish and resume on the next start");
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    assertThat(line(Level.INFO, "resumed"))
        .isEqualTo("resumed 1 executions: 1 timers armed, 0 attempts dispatched, 0 leases expired");

    api = new Api(server.port(), api.key());
    String approvalId = requested.split(" ")[1];
    assertThat(api.postJson("/api/v1/approvals/" + approvalId + "/approve", "{}").status())
        .isEqualTo(200);
    assertThat(awaitLine(Level.INFO, "approval " + approvalId + " approved"))
        .matches(
            "approval "
                + approvalId
                + " approved by \\S+ \\(execution "
                + refund
                + ", node review\\)");
    JsonNode done = api.awaitFinished(refund);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    // it started before the restart: its flow and start are read from the store
    assertThat(awaitLine(Level.INFO, "execution " + refund))
        .matches("execution " + refund + " of refund@2\\.1\\.0 succeeded in [0-9.]+ (ms|s)");
  }

  private Optional<ILoggingEvent> find(Level level, String prefix) {
    return List.copyOf(captured.list).stream()
        .filter(e -> e.getLevel() == level && e.getFormattedMessage().startsWith(prefix))
        .findFirst();
  }

  private ILoggingEvent event(Level level, String prefix) {
    return find(level, prefix)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no "
                        + level
                        + " line starting with '"
                        + prefix
                        + "' in:\n"
                        + String.join(
                            "\n",
                            List.copyOf(captured.list).stream()
                                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                                .toList())));
  }

  private String line(Level level, String prefix) {
    return event(level, prefix).getFormattedMessage();
  }

  /** The first such line, once the engine's listener has logged it. */
  private String awaitLine(Level level, String prefix) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> find(level, prefix), Optional::isPresent)
        .get()
        .getFormattedMessage();
  }
}
