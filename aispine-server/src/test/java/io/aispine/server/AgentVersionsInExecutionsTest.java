package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What registered versions do to executions: pinning at start, ranges that skip deprecated
 * versions, schema checks of inputs and outputs, and the per-agent metrics; real agent servers over
 * loopback.
 */
class AgentVersionsInExecutionsTest extends ServerTestBase {

  private final List<AgentServer> agents = new ArrayList<>();

  @AfterEach
  void stopAgents() {
    agents.forEach(AgentServer::close);
  }

  /** Serves an agent on a free loopback port and returns its URL. */
  private String serve(String name, String version, Agent agent) {
    AgentServer server = AgentServer.start(agent, name, version, 0, null);
    agents.add(server);
    return "http://127.0.0.1:" + server.port();
  }

  /** An agent that says which version answered. */
  private String reviewer(String version) {
    return serve(
        "reviewer",
        version,
        call -> AgentResult.success(Map.of("by", version, "input", call.input())));
  }

  private void register(String name, String version, String url, String manifestFields) {
    Api.Answer answer =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \""
                + name
                + "\", \"version\": \""
                + version
                + "\", \"url\": \""
                + url
                + "\""
                + manifestFields
                + "}");
    assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
  }

  private static final String GATED =
      """
      id: gated
      version: 1.0.0
      nodes:
        - id: gate
          agent: gate
          with: {}
        - id: review
          agent: reviewer@^1
          needs: [gate]
          with: {doc: passport}
      outputs:
        by: "${nodes.review.output.by}"
      """;

  @Test
  void an_execution_keeps_calling_the_version_pinned_at_start_after_a_newer_one_is_registered()
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    register(
        "gate",
        "1.0.0",
        serve(
            "gate",
            "1.0.0",
            call -> {
              entered.countDown();
              release.await(20, TimeUnit.SECONDS);
              return AgentResult.success(Map.of());
            }),
        "");
    register("reviewer", "1.0.0", reviewer("1.0.0"), "");
    assertThat(api.deploy(GATED).status()).isEqualTo(201);

    String first = api.start("gated", "{}");
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue(); // the review has not run yet
    register("reviewer", "1.1.0", reviewer("1.1.0"), "");
    release.countDown();
    JsonNode pinned = api.awaitFinished(first);

    assertThat(pinned.get("status").asText()).as(pinned.toString()).isEqualTo("succeeded");
    assertThat(pinned.at("/outputs/by").asText()).isEqualTo("1.0.0");
    assertThat(pinned.at("/agents/reviewer@^1").asText()).isEqualTo("reviewer@1.0.0");
    assertThat(pinned.at("/agents/gate").asText()).isEqualTo("gate@1.0.0");
    assertThat(run(pinned, "review").get("agent").asText()).isEqualTo("reviewer@1.0.0");
    JsonNode started = api.get("/api/v1/executions/" + first + "/events").json().at("/items/0");
    assertThat(started.at("/data/agents/reviewer@^1").asText()).isEqualTo("reviewer@1.0.0");

    JsonNode next = api.awaitFinished(api.start("gated", "{}"));
    assertThat(next.at("/outputs/by").asText()).isEqualTo("1.1.0");
    assertThat(next.at("/agents/reviewer@^1").asText()).isEqualTo("reviewer@1.1.0");
  }

  @Test
  void the_pins_survive_a_restart_and_a_retry_of_the_execution() {
    // version 1.0.0 refuses its first attempt, so the execution fails and can be retried later
    register(
        "reviewer",
        "1.0.0",
        serve(
            "reviewer",
            "1.0.0",
            call ->
                call.attempt() == 1
                    ? AgentResult.failure(
                        io.aispine.execution.ErrorInfo.permanent("NOT_YET", "come back later"))
                    : AgentResult.success(Map.of("by", "1.0.0"))),
        "");
    api.deploy(
        """
        id: review
        version: 1.0.0
        nodes:
          - id: review
            agent: reviewer@^1
            with: {doc: passport}
        outputs:
          by: "${nodes.review.output.by}"
        """);
    String id = api.start("review", "{}");
    assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("failed");
    register("reviewer", "1.1.0", reviewer("1.1.0"), "");

    restart(); // the execution's state, pins included, is read back from the store
    assertThat(api.post("/api/v1/executions/" + id + "/retry").status()).isEqualTo(202);
    JsonNode retried = api.awaitFinished(id);

    assertThat(retried.get("status").asText()).as(retried.toString()).isEqualTo("succeeded");
    assertThat(retried.at("/outputs/by").asText()).isEqualTo("1.0.0");
    assertThat(retried.at("/nodes/0/runs").findValuesAsText("agent"))
        .containsExactly("reviewer@1.0.0", "reviewer@1.0.0");
  }

  @Test
  void pins_the_agents_of_nodes_inside_a_foreach_body() {
    register("reviewer", "1.0.0", reviewer("1.0.0"), "");
    Api.Answer deployed =
        api.deploy(
            """
            id: each
            version: 1.0.0
            inputs:
              docs: {type: array, default: [a, b]}
            nodes:
              - id: docs
                type: foreach
                items: "${inputs.docs}"
                output: "${nodes.review.output.by}"
                body:
                  - id: review
                    agent: reviewer@^1
                    with: {doc: "${item}"}
            """);
    assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);

    JsonNode done = api.awaitFinished(api.start("each", "{}"));

    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.at("/agents/reviewer@^1").asText()).isEqualTo("reviewer@1.0.0");
    assertThat(done.get("nodes").findValuesAsText("agent")).contains("reviewer@1.0.0");
  }

  @Test
  void a_replay_calls_the_versions_its_origin_was_pinned_to() {
    register("reviewer", "1.0.0", reviewer("1.0.0"), "");
    api.deploy(
        """
        id: review
        version: 1.0.0
        nodes:
          - id: review
            agent: reviewer@^1
            with: {doc: passport}
        outputs:
          by: "${nodes.review.output.by}"
        """);
    String origin = api.start("review", "{}");
    assertThat(api.awaitFinished(origin).at("/outputs/by").asText()).isEqualTo("1.0.0");
    register("reviewer", "1.1.0", reviewer("1.1.0"), "");

    Api.Answer replay =
        api.postJson("/api/v1/executions/" + origin + "/replay", "{\"from\": \"review\"}");
    assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
    JsonNode replayed = api.awaitFinished(replay.json().get("id").asText());

    assertThat(replayed.at("/outputs/by").asText()).isEqualTo("1.0.0");
    assertThat(replayed.at("/agents/reviewer@^1").asText()).isEqualTo("reviewer@1.0.0");
  }

  @Test
  void a_range_skips_deprecated_versions_unless_only_deprecated_ones_match() {
    register("reviewer", "1.0.0", reviewer("1.0.0"), "");
    register("reviewer", "1.1.0", reviewer("1.1.0"), "");
    register("reviewer", "2.0.0", reviewer("2.0.0"), "");
    api.deploy(
        """
        id: review
        version: 1.0.0
        nodes:
          - id: review
            agent: reviewer@^1
            with: {doc: passport}
        outputs:
          by: "${nodes.review.output.by}"
        """);
    assertThat(api.awaitFinished(api.start("review", "{}")).at("/outputs/by").asText())
        .isEqualTo("1.1.0");

    api.postJson("/api/v1/agents/reviewer/versions/1.1.0/deprecate", "{\"reason\": \"broken\"}");
    assertThat(api.awaitFinished(api.start("review", "{}")).at("/outputs/by").asText())
        .isEqualTo("1.0.0");

    // with every matching version deprecated, the highest still serves (and a warning is logged)
    api.post("/api/v1/agents/reviewer/versions/1.0.0/deprecate");
    JsonNode onlyDeprecated = api.awaitFinished(api.start("review", "{}"));
    assertThat(onlyDeprecated.get("status").asText()).isEqualTo("succeeded");
    assertThat(onlyDeprecated.at("/outputs/by").asText()).isEqualTo("1.1.0");
  }

  private static final String INPUT_SCHEMA =
      ", \"input_schema\": {\"type\": \"object\", \"required\": [\"name\"],"
          + " \"properties\": {\"name\": {\"type\": \"string\"}}}";
  private static final String OUTPUT_SCHEMA =
      ", \"output_schema\": {\"type\": \"object\", \"required\": [\"greeting\"],"
          + " \"properties\": {\"greeting\": {\"type\": \"string\"}}}";

  private static final String GREET =
      """
      id: greet
      version: 1.0.0
      inputs:
        who: {type: any, required: true}
      nodes:
        - id: greet
          agent: greeter@^1
          with: {name: "${inputs.who}"}
          retry: {max_attempts: 3, initial: 10ms}
      """;

  @Test
  void an_input_that_breaks_the_input_schema_fails_the_node_for_good_naming_the_field() {
    AtomicInteger calls = new AtomicInteger();
    String url =
        serve(
            "greeter",
            "1.0.0",
            call -> {
              calls.incrementAndGet();
              return AgentResult.success(Map.of("greeting", "hi " + call.inputMap().get("name")));
            });
    register("greeter", "1.0.0", url, INPUT_SCHEMA + OUTPUT_SCHEMA);
    assertThat(api.deploy(GREET).status()).isEqualTo(201);

    JsonNode good = api.awaitFinished(api.start("greet", "{\"who\": \"Ada\"}"));
    assertThat(good.get("status").asText()).as(good.toString()).isEqualTo("succeeded");

    JsonNode bad = api.awaitFinished(api.start("greet", "{\"who\": 42}"));

    assertThat(bad.get("status").asText()).isEqualTo("failed");
    JsonNode node = bad.at("/nodes/0");
    assertThat(node.at("/error/code").asText()).isEqualTo("INPUT_SCHEMA_VIOLATION");
    assertThat(node.at("/error/retryable").asBoolean()).isFalse();
    assertThat(node.at("/error/message").asText())
        .contains("/name")
        .contains("type")
        .contains("greeter@1.0.0");
    assertThat(node.get("attempts").asInt()).isEqualTo(1);
    assertThat(calls).hasValue(1); // only the good execution reached the agent
  }

  @Test
  void an_output_that_breaks_the_output_schema_fails_the_node_for_good_naming_the_field() {
    String url = serve("greeter", "1.0.0", call -> AgentResult.success(Map.of("greeting", 7)));
    register("greeter", "1.0.0", url, OUTPUT_SCHEMA);
    api.deploy(GREET);

    JsonNode bad = api.awaitFinished(api.start("greet", "{\"who\": \"Ada\"}"));

    assertThat(bad.get("status").asText()).isEqualTo("failed");
    JsonNode node = bad.at("/nodes/0");
    assertThat(node.at("/error/code").asText()).isEqualTo("OUTPUT_SCHEMA_VIOLATION");
    assertThat(node.at("/error/message").asText()).contains("/greeting").contains("string");
    assertThat(node.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void metrics_count_calls_errors_and_latency_per_agent_version() {
    String url =
        serve(
            "greeter",
            "1.0.0",
            call ->
                "fail".equals(call.inputMap().get("name"))
                    ? AgentResult.failure(
                        io.aispine.execution.ErrorInfo.permanent("NO_GREETING", "refused"))
                    : AgentResult.success(Map.of("greeting", "hi")));
    register("greeter", "1.0.0", url, "");
    api.deploy(GREET);
    api.awaitFinished(api.start("greet", "{\"who\": \"Ada\"}"));
    api.awaitFinished(api.start("greet", "{\"who\": \"Bob\"}"));
    api.awaitFinished(api.start("greet", "{\"who\": \"fail\"}"));

    String tags = "agent=\"greeter\",";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.get("/metrics").body())
                    .contains(
                        "aispine_agent_calls_total{"
                            + tags
                            + "outcome=\"success\",version=\"1.0.0\"} 2.0")
                    .contains(
                        "aispine_agent_calls_total{"
                            + tags
                            + "outcome=\"error\",version=\"1.0.0\"} 1.0")
                    .contains(
                        "aispine_agent_errors_total{"
                            + tags
                            + "code=\"NO_GREETING\",version=\"1.0.0\"} 1.0")
                    .contains("aispine_agent_call_duration_seconds_bucket{" + tags)
                    .contains(
                        "aispine_agent_call_duration_seconds_count{"
                            + tags
                            + "version=\"1.0.0\"} 3")
                    .contains("aispine_agent_success_ratio{" + tags + "version=\"1.0.0\"} 0.666")
                    .contains("aispine_agent_circuit_state{" + tags + "version=\"1.0.0\"} 0.0"));
  }

  private static JsonNode run(JsonNode execution, String path) {
    for (JsonNode node : execution.get("nodes")) {
      if (node.get("path").asText().equals(path)) {
        return node.at("/runs/0");
      }
    }
    throw new AssertionError("no node " + path + " in " + execution);
  }
}
