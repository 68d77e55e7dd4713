package io.aispine.agentsdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentResult;
import io.aispine.execution.ErrorInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdempotentAgentTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final AtomicInteger runs = new AtomicInteger();

  private static AgentCall call(String key) {
    return new AgentCall("e", "n", 1, key, null, Map.of(), Map.of(), null);
  }

  @Test
  void runs_again_once_the_stored_result_is_older_than_the_ttl() throws Exception {
    var agent =
        new IdempotentAgent(
            c -> AgentResult.success(runs.incrementAndGet()), Duration.ofMinutes(1), 10, clock);

    agent.execute(call("k"));
    now.set(now.get().plusSeconds(59));
    agent.execute(call("k"));
    assertThat(runs).hasValue(1);
    now.set(now.get().plusSeconds(2));
    agent.execute(call("k"));
    assertThat(runs).hasValue(2);
  }

  @Test
  void forgets_the_oldest_key_beyond_its_size() throws Exception {
    var agent =
        new IdempotentAgent(
            c -> AgentResult.success(runs.incrementAndGet()), Duration.ofMinutes(1), 2, clock);

    agent.execute(call("a"));
    agent.execute(call("b"));
    agent.execute(call("c"));
    agent.execute(call("a"));

    assertThat(runs).hasValue(4);
  }

  @Test
  void does_not_keep_a_retryable_failure() throws Exception {
    var agent =
        new IdempotentAgent(
            c -> {
              runs.incrementAndGet();
              return AgentResult.failure(ErrorInfo.retryable("BUSY", "try later"));
            },
            Duration.ofMinutes(1),
            10,
            clock);

    agent.execute(call("k"));
    agent.execute(call("k"));

    assertThat(runs).hasValue(2);
  }
}
