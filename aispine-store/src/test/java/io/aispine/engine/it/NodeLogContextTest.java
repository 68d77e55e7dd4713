package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.AgentResult;
import io.aispine.execution.ExecutionStatus;
import io.aispine.flow.Flow;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What is logged while a node runs (by the engine or by the agent itself) names the execution, the
 * node, the flow and the execution's trace in the MDC, and those ids end with the attempt.
 */
class NodeLogContextTest {

  private static final Flow FLOW =
      EngineHarness.parse(
          """
          id: kyc
          version: 1.2.0
          nodes:
            - {id: scan, agent: chatty, with: {v: 1}}
            - {id: check, agent: chatty, needs: [scan], with: {v: 2}}
          """);

  private static final org.slf4j.Logger agentLog = LoggerFactory.getLogger("test.chatty");

  @TempDir Path dataDir;

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  // node path → the traceparent its call carried
  private final Map<String, Object> traceparents = new ConcurrentHashMap<>();
  private Logger logger;

  @BeforeEach
  void capture() {
    logger = (Logger) LoggerFactory.getLogger("test.chatty");
    logger.setLevel(Level.INFO);
    captured.setContext(logger.getLoggerContext());
    captured.start();
    logger.addAppender(captured);
  }

  @AfterEach
  void release() {
    logger.detachAppender(captured);
  }

  @Test
  void a_node_runs_with_its_execution_node_flow_and_trace_ids_in_the_mdc_and_its_json_line_parses()
      throws Exception {
    var agents =
        new TestAgents()
            .with(
                "chatty",
                call -> {
                  traceparents.put(call.nodePath(), call.context().get("traceparent"));
                  agentLog.info("working on {}", call.nodePath());
                  return AgentResult.success(Map.of("ok", true));
                });
    String id;
    try (var harness = EngineHarness.open(() -> JdbcStore.openDataDir(dataDir), agents)) {
      id = harness.engine().start(FLOW, Map.of());
      assertThat(harness.await(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    assertThat(captured.list).hasSize(2);
    for (ILoggingEvent line : captured.list) {
      Map<String, String> mdc = line.getMDCPropertyMap();
      String node = line.getFormattedMessage().substring("working on ".length());
      assertThat(mdc)
          .containsEntry("execution_id", id)
          .containsEntry("node_path", node)
          .containsEntry("flow", "kyc@1.2.0");
      // the trace id is the one the agent's call carries, and the same for every node
      assertThat(mdc.get("trace_id")).matches("[0-9a-f]{32}");
      assertThat((String) traceparents.get(node)).contains("-" + mdc.get("trace_id") + "-");
    }
    assertThat(captured.list.get(0).getMDCPropertyMap().get("trace_id"))
        .isEqualTo(captured.list.get(1).getMDCPropertyMap().get("trace_id"));

    JsonNode json = new ObjectMapper().readTree(encodeAsJson(captured.list.get(0)));
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("mdc").get("execution_id").asText()).isEqualTo(id);
    assertThat(json.get("mdc").get("node_path").asText()).isEqualTo("scan");
    assertThat(json.get("mdc").get("flow").asText()).isEqualTo("kyc@1.2.0");
    assertThat(json.get("mdc").get("trace_id").asText()).matches("[0-9a-f]{32}");
    // the test thread, which ran no node, carries none of the ids
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  /** The line as logback's JSON encoder writes it (the CLI's AISPINE_LOG_FORMAT=json). */
  private static String encodeAsJson(ILoggingEvent event) {
    var encoder = new JsonEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
