package io.aispine.agents.builtin;

import static io.aispine.agents.builtin.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SleepAgentTest {

  private final Agent sleep = new SleepAgentProvider().create();

  @Test
  void reports_the_time_slept_and_echoes_the_other_fields() throws Exception {
    var result = sleep.execute(call(Map.of("ms", 5, "note", "hi")));

    assertThat(output(result))
        .containsEntry("slept_ms", 5L)
        .containsEntry("input", Map.of("note", "hi"));
  }

  @Test
  void accepts_zero_and_whole_numbers_of_any_numeric_type() throws Exception {
    assertThat(output(sleep.execute(call(Map.of("ms", 0))))).containsEntry("slept_ms", 0L);
    assertThat(output(sleep.execute(call(Map.of("ms", 2.0))))).containsEntry("slept_ms", 2L);
  }

  @Test
  void rejects_a_missing_ms_naming_the_field() {
    assertThatThrownBy(() -> sleep.execute(call(Map.of("note", "hi"))))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_INPUT");
              assertThat(e.getMessage()).contains("'ms'").contains("required");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "negative", "fraction", "boolean"})
  void rejects_an_ms_of_the_wrong_type(String kind) {
    Object ms =
        switch (kind) {
          case "text" -> "200";
          case "negative" -> -1;
          case "fraction" -> 1.5;
          default -> true;
        };

    assertThatThrownBy(() -> sleep.execute(call(Map.of("ms", ms))))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_INPUT");
              assertThat(e.getMessage()).contains("'ms'").contains("integer");
            });
  }

  @Test
  void throws_interrupted_promptly_when_interrupted() throws Exception {
    var outcome = new CompletableFuture<Throwable>();
    Thread sleeper =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    sleep.execute(call(Map.of("ms", TimeUnit.HOURS.toMillis(1))));
                    outcome.complete(null);
                  } catch (Throwable t) {
                    outcome.complete(t);
                  }
                });
    await().until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);

    sleeper.interrupt();

    // An hour-long sleep that ends at all has ended because of the interrupt; the bound only
    // keeps a broken agent from hanging the build.
    assertThat(outcome.get(1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void completes_ten_thousand_concurrent_sleeps_on_virtual_threads() throws Exception {
    int calls = 10_000;
    List<Future<AgentResult>> results = new ArrayList<>(calls);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < calls; i++) {
        var input = new HashMap<String, Object>();
        input.put("ms", 200);
        input.put("i", i);
        results.add(executor.submit(() -> sleep.execute(call(input))));
      }
    }

    for (int i = 0; i < calls; i++) {
      assertThat(output(done(results.get(i))))
          .containsEntry("slept_ms", 200L)
          .containsEntry("input", Map.of("i", i));
    }
  }

  private static AgentResult done(Future<AgentResult> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new AssertionError("a sleep call failed", e.getCause());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> output(AgentResult result) {
    assertThat(result).isInstanceOf(AgentResult.Success.class);
    return (Map<String, Object>) ((AgentResult.Success) result).output();
  }
}
