package io.aispine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentException;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.llm.standin.StandInLlm.Reply;
import io.aispine.store.ModelBudgets;
import io.aispine.store.ModelProviders.Kind;
import io.aispine.store.ModelProviders.Provider;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets are checked before each call, also when many calls race for the last dollars. */
class BudgetGuardTest {

  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @TempDir Path dataDir;
  JdbcStore store;
  StandInLlm standIn;

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
                Kind.OLLAMA,
                standIn.url(),
                "gpt-4o",
                Duration.ofSeconds(30),
                false,
                false,
                NOW),
            null);
    store.modelProviders().makeDefault("default", "local");
  }

  @AfterEach
  void close() {
    standIn.close();
    store.close();
  }

  private void budget(String flow, double limit, ModelBudgets.Policy policy) {
    store
        .modelBudgets()
        .put(
            new ModelBudgets.Budget(
                "default", flow, ModelBudgets.Period.DAILY, limit, policy, NOW));
  }

  @Test
  void fifty_racing_calls_never_overrun_the_budget_by_more_than_one_estimate() throws Exception {
    // gpt-4o costs $2.50 / $10 per million tokens; each call estimates at most
    // ~30 prompt tokens + 100 completion tokens ≈ $0.0011 and really spends 20 + 100 tokens
    budget("", 0.02, ModelBudgets.Policy.FAIL);
    LlmAgent agent = LlmAgentTest.agent(store, InstantSource.fixed(NOW));
    double estimate =
        agent.estimate(new ChatRequest("gpt-4o", null, List.of(ChatMessage.user("go")), null, 100));
    for (int i = 0; i < 50; i++) {
      standIn.script(Reply.text("ok", 20, 100));
    }
    var start = new CountDownLatch(1);
    var exceeded = new AtomicInteger();
    List<Future<?>> calls = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        String node = "n" + i;
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    agent.execute(
                        LlmAgentTest.call(node, Map.of("prompt", "go", "max_tokens", 100)));
                  } catch (AgentException e) {
                    assertThat(e.code()).isEqualTo("BUDGET_EXCEEDED");
                    exceeded.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : calls) {
        f.get();
      }
    }

    double spent = store.modelCalls().spentSince("default", null, NOW.minusSeconds(3600));
    assertThat(spent).isLessThanOrEqualTo(0.02 + estimate);
    assertThat(exceeded.get()).isPositive();
    // every call that was let through was made; none was refused while the budget had room
    int made = 50 - exceeded.get();
    assertThat(standIn.requests()).hasSize(made);
    assertThat(spent + estimate).isGreaterThan(0.02 - estimate);
  }

  @Test
  void a_flow_budget_stops_that_flow_only_and_hold_makes_the_error_retryable() throws Exception {
    budget("triage", 0.0, ModelBudgets.Policy.HOLD);
    LlmAgent agent = LlmAgentTest.agent(store, InstantSource.fixed(NOW));

    assertThatThrownBy(() -> agent.execute(LlmAgentTest.call("a", Map.of("prompt", "hi"))))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class, e -> assertThat(e.code()).isEqualTo("BUDGET_EXCEEDED"))
        .hasMessageContaining("flow 'triage'")
        .hasMessageContaining("aispine budget set");
    assertThat(standIn.requests()).isEmpty();

    var other =
        new io.aispine.agent.AgentCall(
            "ex2",
            "a",
            1,
            "ex2/a/1",
            null,
            Map.of("prompt", "hi"),
            Map.of("flow", "other@1"),
            null);
    assertThat(agent.execute(other)).isInstanceOf(io.aispine.agent.AgentResult.Success.class);
  }

  @Test
  void spending_recorded_before_a_restart_counts_against_the_day() throws Exception {
    budget("", 0.001, ModelBudgets.Policy.FAIL);
    standIn.script(Reply.text("ok", 100, 100)); // $0.00125 with gpt-4o: over the budget once made
    LlmAgentTest.agent(store, InstantSource.fixed(NOW))
        .execute(LlmAgentTest.call("a", Map.of("prompt", "hi", "max_tokens", 10)));

    LlmAgent afterRestart = LlmAgentTest.agent(store, InstantSource.fixed(NOW.plusSeconds(60)));
    assertThatThrownBy(
            () ->
                afterRestart.execute(
                    LlmAgentTest.call("b", Map.of("prompt", "hi", "max_tokens", 10))))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class, e -> assertThat(e.code()).isEqualTo("BUDGET_EXCEEDED"))
        .hasMessageContaining("$0.0013 spent");
    assertThat(standIn.requests()).hasSize(1);
  }
}
