package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.runtime.AgentResilience;
import io.aispine.agents.runtime.CircuitPolicy;
import io.aispine.agents.serve.AgentServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP agent that goes away and comes back: its nodes wait behind an open circuit, none fail.
 */
class AgentCircuitTest extends ServerTestBase {

  private static final String FLOW =
      """
      id: review
      version: 1.0.0
      nodes:
        - id: check
          agent: reviewer@^1
          retry: {max_attempts: 5, initial: 100ms, max: 200ms}
          with: {document: passport}
      outputs:
        document: "${nodes.check.output.document}"
      """;

  private static final String WITH_FALLBACK =
      """
      id: guarded
      version: 1.0.0
      nodes:
        - id: check
          agent: reviewer@^1
          fallback: echo
          retry: {max_attempts: 10, initial: 100ms, max: 200ms}
          with: {document: passport}
      outputs:
        document: "${nodes.check.output.document}"
      """;

  private AgentServer reviewer;
  private int port;

  @Override
  protected ServerConfig config() {
    return super.config()
        .withResilience(
            AgentResilience.defaults()
                .withCircuit(CircuitPolicy.defaults().withOpenFor(Duration.ofSeconds(1))));
  }

  @BeforeEach
  void startAgent() {
    reviewer = serveReviewer(0);
    port = reviewer.port();
    assertThat(
            api.postJson(
                    "/api/v1/agents",
                    "{\"name\": \"reviewer\", \"version\": \"1.2.0\", \"url\": \"http://127.0.0.1:"
                        + port
                        + "\"}")
                .status())
        .isEqualTo(201);
    assertThat(api.deploy(FLOW).status()).isEqualTo(201);
  }

  @AfterEach
  void stopAgent() {
    reviewer.close();
  }

  @Test
  void nodes_wait_while_the_agent_is_down_and_all_succeed_once_it_is_back() {
    assertThat(api.awaitFinished(api.start("review", "{}")).get("status").asText())
        .isEqualTo("succeeded");

    reviewer.close();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(api.start("review", "{}"));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ids.stream().anyMatch(id -> events(id).contains("node.deferred")));
    for (String id : ids) {
      JsonNode execution = api.get("/api/v1/executions/" + id).json();
      assertThat(execution.get("status").asText())
          .as("%s, history %s", execution, events(id))
          .isEqualTo("running");
    }
    JsonNode version = api.get("/api/v1/agents/reviewer").json().at("/versions/0");
    assertThat(version.at("/circuit/state").asText()).isIn("open", "half_open");
    assertThat(version.at("/health/state").asText()).isIn("down", "degraded");
    assertThat(api.get("/metrics").body())
        .contains("aispine_agent_circuit_state{agent=\"reviewer\",version=\"1.2.0\"}")
        .contains(
            "aispine_agent_calls_total{agent=\"reviewer\",outcome=\"rejected\",version=\"1.2.0\"}")
        .contains("aispine_agent_call_duration_seconds_bucket{agent=\"reviewer\",");

    reviewer = serveReviewer(port); // the same agent process, back on the same port
    for (String id : ids) {
      JsonNode done = api.awaitFinished(id);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
      assertThat(done.at("/outputs/document").asText()).isEqualTo("passport");
      List<String> types = events(id);
      assertThat(types).containsOnlyOnce("node.completed");
      assertThat(types.stream().filter("node.failed"::equals).count())
          .as("real failures of %s, before the circuit opened", id)
          .isLessThan(5);
    }
    JsonNode after = api.get("/api/v1/agents/reviewer").json().at("/versions/0");
    assertThat(after.at("/circuit/state").asText()).isEqualTo("closed");
  }

  @Test
  void an_open_circuit_is_reset_through_the_api() {
    reviewer.close();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(api.start("review", "{}"));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !api.get("/api/v1/agents/reviewer")
                    .json()
                    .at("/versions/0/circuit/state")
                    .asText()
                    .equals("closed"));

    Api.Answer reset = api.post("/api/v1/agents/reviewer/circuit/reset");

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().get("version").asText()).isEqualTo("1.2.0");
    assertThat(reset.json().at("/circuit/state").asText()).isEqualTo("closed");
    assertThat(reset.json().at("/circuit/failures").asInt()).isZero();
    assertThat(api.post("/api/v1/agents/nobody/circuit/reset").status()).isEqualTo(404);
    reviewer = serveReviewer(port);
    for (String id : ids) {
      assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    }
  }

  @Test
  void a_fallback_agent_takes_over_while_the_agent_is_down_and_nodes_wait_while_both_are_out() {
    assertThat(api.deploy(WITH_FALLBACK).status()).isEqualTo(201);
    reviewer.close();
    assertThat(api.post("/api/v1/agents/echo/drain").status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(api.start("guarded", "{}"));
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            api.get("/api/v1/executions/" + id)
                                .json()
                                .at("/nodes/0/waiting/reason")
                                .asText("")
                                .matches("drained|circuit_open|circuit_half_open")));
    assertThat(api.get("/api/v1/agents/reviewer").json().at("/versions/0/circuit/state").asText())
        .isNotEqualTo("closed");

    assertThat(api.post("/api/v1/agents/echo/undrain").status()).isEqualTo(200);

    for (String id : ids) {
      JsonNode done = api.awaitFinished(id);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
      assertThat(done.at("/outputs/document").asText()).isEqualTo("passport");
      JsonNode runs = done.at("/nodes/0/runs");
      assertThat(runs.get(runs.size() - 1).get("agent").asText()).isEqualTo("echo");
      List<JsonNode> completed =
          api
              .get("/api/v1/executions/" + id + "/events?limit=500")
              .json()
              .get("items")
              .findParents("type")
              .stream()
              .filter(e -> e.get("type").asText().equals("node.completed"))
              .toList();
      assertThat(completed)
          .singleElement()
          .satisfies(e -> assertThat(e.at("/data/served_by").asText()).isEqualTo("echo"));
    }
    assertThat(
            api.get("/api/v1/agents/echo/calls").json().get("items").findValuesAsText("execution"))
        .containsAll(ids);
  }

  private List<String> events(String id) {
    return api.get("/api/v1/executions/" + id + "/events?limit=500")
        .json()
        .get("items")
        .findValuesAsText("type");
  }

  private static AgentServer serveReviewer(int port) {
    return AgentServer.start(
        BuiltinAgents.load().resolve("echo").orElseThrow(), "reviewer", "1.2.0", port, null);
  }
}
