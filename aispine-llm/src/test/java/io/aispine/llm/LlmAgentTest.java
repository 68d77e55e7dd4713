package io.aispine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.execution.Usage;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.llm.standin.StandInLlm.Reply;
import io.aispine.store.ModelCalls;
import io.aispine.store.ModelProviders.Kind;
import io.aispine.store.ModelProviders.Provider;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llm agent over a real SQLite store and the stand-in model server. */
class LlmAgentTest {

  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @TempDir Path dataDir;
  JdbcStore store;
  StandInLlm standIn;
  LlmAgent agent;

  @BeforeEach
  void open() {
    store = JdbcStore.openDataDir(dataDir);
    standIn = StandInLlm.start();
    store
        .modelProviders()
        .save(
            new Provider(
                "default",
                "local",
                Kind.OPENAI,
                standIn.url() + "/v1",
                "gpt-4o-mini",
                Duration.ofSeconds(30),
                false,
                false,
                NOW),
            "sk-local");
    store.modelProviders().makeDefault("default", "local");
    agent = agent(store, InstantSource.fixed(NOW));
  }

  static LlmAgent agent(JdbcStore store, InstantSource clock) {
    return new LlmAgent(
        store.modelProviders(),
        store.modelCalls(),
        new BudgetGuard(store.modelBudgets(), store.modelCalls(), clock, null),
        PriceTable.defaults(),
        clock,
        LlmObserver.NONE,
        ChatClients::of);
  }

  @AfterEach
  void close() {
    standIn.close();
    store.close();
  }

  static AgentCall call(String node, Map<String, Object> with) {
    return new AgentCall(
        "ex1", node, 1, "ex1/" + node + "/1", null, with, Map.of("flow", "triage@1.0.0"), null);
  }

  @Test
  void answers_a_prompt_and_records_tokens_and_cost_per_model() throws Exception {
    standIn.script(Reply.text("a short answer", 1_000, 500));

    AgentResult result = agent.execute(call("ask", Map.of("prompt", "say something")));

    // gpt-4o-mini: $0.15 per million prompt tokens, $0.60 per million completion tokens
    double cost = (1_000 * 0.15 + 500 * 0.60) / 1_000_000;
    assertThat(result)
        .isEqualTo(
            new AgentResult.Success(
                Map.of("text", "a short answer", "model", "gpt-4o-mini"),
                new Usage("gpt-4o-mini", 1_000, 500, cost)));
    assertThat(standIn.requests().getLast().headers())
        .containsEntry("authorization", "Bearer sk-local");
    assertThat(
            store
                .modelCalls()
                .totals(
                    new ModelCalls.CostQuery(
                        "default", ModelCalls.GroupBy.FLOW, null, null, "ex1", null)))
        .containsExactly(new ModelCalls.Total("triage", 1, 1_000, 500, cost));
  }

  @Test
  void repairs_an_answer_that_breaks_the_schema_by_sending_the_errors_back() throws Exception {
    standIn.script(Reply.text("{\"label\": 3}"), Reply.text("```json\n{\"label\": \"bug\"}\n```"));
    Map<String, Object> schema =
        Map.of(
            "type", "object",
            "required", List.of("label"),
            "properties", Map.of("label", Map.of("enum", List.of("bug", "question"))));

    AgentResult result =
        agent.execute(call("label", Map.of("prompt", "label this", "response_schema", schema)));

    assertThat(((AgentResult.Success) result).output())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("json", Map.of("label", "bug"));
    var repair = standIn.requests().getLast().body().path("messages");
    assertThat(repair.get(repair.size() - 2).path("content").asText()).isEqualTo("{\"label\": 3}");
    assertThat(repair.get(repair.size() - 1).path("content").asText())
        .contains("does not match the JSON Schema")
        .contains("/label");
    assertThat(((AgentResult.Success) result).usage().inputTokens()).isPositive();
    assertThat(store.modelCalls().totals(byModel()).getFirst().calls()).isEqualTo(2);
  }

  @Test
  void fails_for_good_with_output_schema_violation_after_the_last_repair() {
    standIn.script(Reply.text("no"), Reply.text("still no"));
    Map<String, Object> with =
        Map.of("prompt", "label", "response_schema", Map.of("type", "object"), "max_repairs", 1);

    assertThatThrownBy(() -> agent.execute(call("label", with)))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> assertThat(e.code()).isEqualTo("OUTPUT_SCHEMA_VIOLATION"))
        .hasMessageContaining("after 2 tries (1 repairs)")
        .hasMessageContaining("not JSON");
    assertThat(standIn.requests()).hasSize(2);
  }

  @Test
  void a_provider_that_is_down_fails_the_attempt_as_retryable_and_records_nothing() {
    standIn.down(true);

    assertThatThrownBy(() -> agent.execute(call("ask", Map.of("prompt", "hi"))))
        .isInstanceOf(AgentException.Unreachable.class);
    assertThat(store.modelCalls().totals(byModel())).isEmpty();
  }

  @Test
  void names_the_fix_for_an_unknown_provider_and_bad_input() {
    assertThatThrownBy(
            () -> agent.execute(call("ask", Map.of("prompt", "hi", "provider", "nowhere"))))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> assertThat(e.code()).isEqualTo("PROVIDER_NOT_FOUND"))
        .hasMessageContaining("aispine provider add nowhere");
    assertThatThrownBy(
            () -> agent.execute(call("ask", Map.of("prompt", "hi", "messages", List.of()))))
        .hasMessageContaining("exactly one of 'prompt'");
    assertThatThrownBy(() -> agent.execute(call("ask", Map.of("prompt", "hi", "temprature", 1))))
        .hasMessageContaining("unknown key 'temprature'");
  }

  static ModelCalls.CostQuery byModel() {
    return new ModelCalls.CostQuery("default", ModelCalls.GroupBy.MODEL, null, null, null, null);
  }
}
