package io.aispine.server.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agent.AgentUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

  private static final String KEY = "ocr@1.0.0";
  private static final Duration OPEN = Duration.ofSeconds(60);

  private final MovableClock clock = new MovableClock();
  private final List<String> outcomes = new ArrayList<>();
  private final CircuitBreakers breakers =
      new CircuitBreakers(5, OPEN, clock, (key, outcome, duration) -> outcomes.add(outcome));
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean down = true;

  private final Agent flaky =
      call -> {
        calls.incrementAndGet();
        if (down) {
          throw new AgentException.Retryable("CONNECTION_REFUSED", "connection refused");
        }
        return AgentResult.success(Map.of("ok", true));
      };

  @Test
  void five_consecutive_transport_failures_open_the_circuit_and_calls_are_refused() {
    Agent guarded = breakers.guard(KEY, flaky);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> guarded.execute(call())).isInstanceOf(AgentException.class);
      assertThat(breakers.view(KEY).state()).isEqualTo("closed");
    }
    assertThatThrownBy(() -> guarded.execute(call())).isInstanceOf(AgentException.class);

    assertThat(breakers.view(KEY).state()).isEqualTo("open");
    assertThat(breakers.view(KEY).openUntil()).isEqualTo(clock.instant().plus(OPEN));
    assertThat(breakers.stateCode(KEY)).isEqualTo(2);
    assertThatThrownBy(() -> guarded.execute(call()))
        .isInstanceOfSatisfying(
            AgentUnavailableException.class,
            e -> assertThat(e.retryAt()).isEqualTo(clock.instant().plus(OPEN).plusMillis(1)));
    assertThat(calls).hasValue(5);
    assertThat(outcomes).containsExactly("error", "error", "error", "error", "error", "rejected");
  }

  @Test
  void a_success_in_between_keeps_the_circuit_closed() {
    Agent guarded = breakers.guard(KEY, flaky);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> guarded.execute(call())).isInstanceOf(AgentException.class);
    }
    down = false;
    assertThat(run(guarded)).isInstanceOf(AgentResult.Success.class);
    down = true;
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> guarded.execute(call())).isInstanceOf(AgentException.class);
    }

    assertThat(breakers.view(KEY).state()).isEqualTo("closed");
  }

  @Test
  void permanent_errors_do_not_count_as_failures() {
    Agent rejecting =
        breakers.guard(
            KEY, call -> AgentResult.failure(io.aispine.engine.ErrorInfo.permanent("BAD", "no")));
    for (int i = 0; i < 10; i++) {
      run(rejecting);
    }

    assertThat(breakers.view(KEY).state()).isEqualTo("closed");
    assertThat(breakers.view(KEY).failures()).isZero();
  }

  @Test
  void after_the_wait_one_probe_goes_through_and_its_success_closes_the_circuit() {
    Agent guarded = breakers.guard(KEY, flaky);
    openCircuit(guarded);
    down = false;
    clock.advance(OPEN.plusMillis(1));

    assertThat(run(guarded)).isInstanceOf(AgentResult.Success.class);

    assertThat(breakers.view(KEY).state()).isEqualTo("closed");
    assertThat(breakers.view(KEY).openUntil()).isNull();
    assertThat(calls).hasValue(6);
  }

  @Test
  void a_failed_probe_opens_the_circuit_for_another_wait() {
    Agent guarded = breakers.guard(KEY, flaky);
    openCircuit(guarded);
    clock.advance(OPEN.plusMillis(1));

    assertThatThrownBy(() -> guarded.execute(call())).isInstanceOf(AgentException.class);

    assertThat(breakers.view(KEY).state()).isEqualTo("open");
    assertThat(breakers.view(KEY).openUntil()).isEqualTo(clock.instant().plus(OPEN));
  }

  @Test
  void reset_closes_an_open_circuit() {
    Agent guarded = breakers.guard(KEY, flaky);
    openCircuit(guarded);
    down = false;

    assertThat(breakers.reset(KEY).state()).isEqualTo("closed");
    assertThat(run(guarded)).isInstanceOf(AgentResult.Success.class);
    assertThat(breakers.keys()).containsExactly(KEY);
  }

  private void openCircuit(Agent guarded) {
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> guarded.execute(call())).isInstanceOf(AgentException.class);
    }
    assertThat(breakers.view(KEY).state()).isEqualTo("open");
  }

  private static AgentResult run(Agent agent) {
    try {
      return agent.execute(call());
    } catch (AgentException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static AgentCall call() {
    return new AgentCall("ex_1", "a", 1, "ex_1/a/1", null, Map.of(), Map.of(), null);
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
