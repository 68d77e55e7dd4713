package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.llm.standin.StandInLlm.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Providers, the llm agent in a flow, costs, budgets and their metrics on a real server. */
class LlmRoutesTest extends ServerTestBase {

  private final StandInLlm standIn = StandInLlm.start();

  @AfterEach
  void stopStandIn() {
    standIn.close();
  }

  static final String TRIAGE =
      """
      id: triage
      version: 1.0.0
      inputs:
        text: {type: string, required: true}
      nodes:
        - id: label
          agent: llm
          with:
            model: gpt-4o-mini
            system: You label support tickets.
            prompt: "Label: ${inputs.text}"
            max_tokens: 50
            response_schema:
              type: object
              required: [label]
              properties:
                label: {enum: [bug, question]}
      outputs:
        label: ${nodes.label.output.json.label}
      """;

  private void addProvider() {
    var answer =
        api.putJson(
            "/api/v1/providers/local",
            """
            {"kind": "openai", "base_url": "%s/v1", "api_key": "sk-very-secret",
             "default_model": "gpt-4o-mini"}"""
                .formatted(standIn.url()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  @Test
  void keeps_the_api_key_write_only_and_the_first_provider_is_the_default() {
    addProvider();

    var listed = api.get("/api/v1/providers");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain("sk-very-secret");
    JsonNode provider = listed.json().path("items").path(0);
    assertThat(provider.path("has_api_key").asBoolean()).isTrue();
    assertThat(provider.path("is_default").asBoolean()).isTrue();
    assertThat(provider.path("timeout_seconds").asLong()).isEqualTo(30);
    assertThat(api.get("/api/v1/providers/local").body()).doesNotContain("sk-very-secret");
  }

  @Test
  void tests_a_provider_and_reports_it_down_when_it_is() {
    addProvider();

    JsonNode ok = api.post("/api/v1/providers/local/test").json();
    standIn.down(true);
    JsonNode down = api.post("/api/v1/providers/local/test").json();

    assertThat(ok.path("status").asText()).isEqualTo("ok");
    assertThat(standIn.requests().getFirst().headers())
        .containsEntry("authorization", "Bearer sk-very-secret");
    assertThat(down.path("status").asText()).isEqualTo("down");
    assertThat(down.path("error").path("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(down.path("error").path("retryable").asBoolean()).isTrue();
  }

  @Test
  void refuses_a_bad_provider_with_a_problem_naming_the_field() {
    var answer =
        api.putJson("/api/v1/providers/x", "{\"kind\": \"gpt\", \"base_url\": \"http://h\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("/kind").contains("openai");
    assertThat(
            api.putJson("/api/v1/providers/x", "{\"kind\": \"openai\", \"base_url\": \"ftp:x\"}")
                .status())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/costs?group_by=hour").status()).isEqualTo(400);
    assertThat(api.post("/api/v1/providers/nope/test").status()).isEqualTo(404);
  }

  @Test
  void runs_an_llm_node_with_a_repair_and_reports_its_cost_and_metrics() {
    addProvider();
    standIn.script(
        Reply.text("{\"label\": \"feature\"}", 40, 6), Reply.text("{\"label\": \"bug\"}", 60, 5));
    assertThat(api.deploy(TRIAGE).status()).isEqualTo(201);

    JsonNode execution = api.awaitFinished(api.start("triage", "{\"text\": \"it crashes\"}"));

    assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("succeeded");
    assertThat(execution.path("outputs").path("label").asText()).isEqualTo("bug");
    JsonNode costs = api.get("/api/v1/costs?group_by=flow").json();
    assertThat(costs.path("items").path(0).path("key").asText()).isEqualTo("triage");
    assertThat(costs.path("items").path(0).path("calls").asLong()).isEqualTo(2);
    assertThat(costs.path("items").path(0).path("prompt_tokens").asLong()).isEqualTo(100);
    assertThat(costs.path("cost_usd").asDouble()).isEqualTo((100 * 0.15 + 11 * 0.60) / 1e6);
    String metrics = api.get("/metrics").body();
    assertThat(metrics)
        .contains(
            "aispine_llm_tokens_total{model=\"gpt-4o-mini\",provider=\"local\",type=\"prompt\"} 100.0")
        .contains("aispine_llm_calls_total{model=\"gpt-4o-mini\",provider=\"local\"} 2.0");
  }

  @Test
  void streams_an_llm_nodes_answer_as_output_deltas_before_the_node_completes() throws Exception {
    addProvider();
    standIn.script(Reply.text("tokens arrive one by one", 5, 5));
    api.deploy(
        """
        id: gated
        version: 1.0.0
        nodes:
          - id: gate
            type: approval
            message: Go?
            approvers: {roles: [operator]}
          - id: say
            agent: llm
            needs: gate
            with: {prompt: "say something"}
        """);
    String id = api.start("gated", "{}");
    String approval =
        org.awaitility.Awaitility.await()
            .until(
                () -> api.get("/api/v1/approvals?execution=" + id).json().path("items"),
                items -> items.size() == 1)
            .path(0)
            .path("id")
            .asText();

    try (var stream = SseReader.open(api, "/api/v1/executions/" + id + "/stream", null)) {
      assertThat(api.postJson("/api/v1/approvals/" + approval + "/approve", "{}").status())
          .isEqualTo(200);
      var messages = stream.rest();

      var deltas = messages.stream().filter(m -> "node.output.delta".equals(m.event())).toList();
      assertThat(deltas)
          .extracting(m -> m.data().at("/data/text").asText())
          .containsExactly("tokens", " arrive", " one", " by", " one");
      assertThat(deltas.getFirst().data().path("subject").asText()).isEqualTo("say");
      int lastDelta = messages.indexOf(deltas.getLast());
      int completed =
          messages.indexOf(
              messages.stream()
                  .filter(m -> "node.completed".equals(m.event()))
                  .filter(m -> m.data().path("subject").asText().equals("say"))
                  .findFirst()
                  .orElseThrow());
      assertThat(lastDelta).isLessThan(completed);
      assertThat(messages.get(completed).data().at("/data/output/text").asText())
          .isEqualTo("tokens arrive one by one");
    }
  }

  @Test
  void a_budget_that_a_call_would_cross_fails_the_node_with_budget_exceeded() {
    addProvider();
    var put =
        api.putJson(
            "/api/v1/budgets", "{\"flow\": \"triage\", \"period\": \"daily\", \"limit_usd\": 0}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    api.deploy(TRIAGE);

    JsonNode execution = api.awaitFinished(api.start("triage", "{\"text\": \"it crashes\"}"));

    assertThat(execution.path("status").asText()).isEqualTo("failed");
    assertThat(execution.toString()).contains("BUDGET_EXCEEDED");
    assertThat(standIn.requests()).isEmpty();
    JsonNode budgets = api.get("/api/v1/budgets").json();
    assertThat(budgets.path("items").path(0).path("flow").asText()).isEqualTo("triage");
    var delete =
        Api.send(
            api.request("/api/v1/budgets?flow=triage&period=daily")
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(delete.status()).isEqualTo(204);
  }
}
