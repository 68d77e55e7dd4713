package io.aispine.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agent.AgentUnavailableException;
import io.aispine.execution.ErrorInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

  private static final String KEY = "ocr@1.0.0";
  private static final Duration OPEN = Duration.ofSeconds(60);

  private final MovableClock clock = new MovableClock();
  private final List<String> outcomes = new ArrayList<>();
  private final CircuitBreakers breakers =
      new CircuitBreakers(
          CircuitPolicy.defaults().withOpenFor(OPEN),
          clock,
          (key, outcome, duration) -> outcomes.add(outcome));
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean down = true;

  private final Agent flaky =
      call -> {
        calls.incrementAndGet();
        if (down) {
          throw new AgentException.Unreachable(
              "AGENT_UNREACHABLE", "ocr POST http://127.0.0.1:1/execute: cannot connect");
        }
        return AgentResult.success(Map.of("ok", true));
      };

  @Test
  void outages_open_the_circuit_once_the_minimum_calls_were_made_and_calls_are_refused() {
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
            e -> {
              assertThat(e.retryAt()).isEqualTo(clock.instant().plus(OPEN).plusMillis(1));
              assertThat(e.code()).isEqualTo("circuit_open");
            });
    assertThat(calls).hasValue(5);
    assertThat(outcomes).containsExactly("error", "error", "error", "error", "error", "rejected");
  }

  @Test
  void a_high_failure_rate_opens_the_circuit_even_between_successes() {
    Agent guarded = breakers.guard(KEY, flaky);
    for (int i = 0; i < 5; i++) {
      down = i % 2 == 0;
      try {
        guarded.execute(call());
      } catch (AgentException | InterruptedException e) {
        assertThat(e).isInstanceOf(AgentException.Unreachable.class);
      }
    }

    assertThat(breakers.view(KEY).state()).as("3 outages in 5 calls").isEqualTo("open");
  }

  @Test
  void a_low_failure_rate_keeps_the_circuit_closed() {
    Agent guarded = breakers.guard(KEY, flaky);
    for (int i = 0; i < 30; i++) {
      down = i % 5 == 0;
      try {
        guarded.execute(call());
      } catch (AgentException | InterruptedException e) {
        assertThat(e).isInstanceOf(AgentException.Unreachable.class);
      }
    }

    assertThat(breakers.view(KEY).state()).as("1 outage in 5 calls").isEqualTo("closed");
  }

  @Test
  void errors_an_agent_answers_with_do_not_count_even_retryable_ones() {
    List<Agent> answering =
        List.of(
            call -> {
              throw new AgentException.Retryable("INJECTED_FAILURE", "failing on purpose");
            },
            call -> {
              throw new AgentException.Permanent("INVALID_INPUT", "no");
            },
            call -> AgentResult.failure(ErrorInfo.retryable("UPSTREAM_DOWN", "try later")),
            call -> AgentResult.failure(ErrorInfo.permanent("BAD", "no")));
    for (Agent agent : answering) {
      Agent guarded = breakers.guard(KEY, agent);
      for (int i = 0; i < 10; i++) {
        try {
          guarded.execute(call());
        } catch (AgentException | InterruptedException e) {
          assertThat(e).isNotInstanceOf(AgentException.Unreachable.class);
        }
      }
    }

    assertThat(breakers.view(KEY).state()).isEqualTo("closed");
    assertThat(breakers.view(KEY).failures()).isZero();
    assertThat(outcomes).hasSize(40).containsOnly("error");
  }

  @Test
  void crashes_count_as_outages() {
    Agent crashing =
        breakers.guard(
            KEY,
            call -> {
              throw new IllegalStateException("bug in a built-in");
            });
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> crashing.execute(call())).isInstanceOf(IllegalStateException.class);
    }

    assertThat(breakers.view(KEY).state()).isEqualTo("open");
  }

  @Test
  void after_the_wait_the_probes_go_through_and_their_successes_close_the_circuit() {
    Agent guarded = breakers.guard(KEY, flaky);
    openCircuit(guarded);
    down = false;
    clock.advance(OPEN.plusMillis(1));

    assertThat(run(guarded)).isInstanceOf(AgentResult.Success.class);
    assertThat(breakers.view(KEY).state()).as("one probe of three").isEqualTo("half_open");
    run(guarded);
    run(guarded);

    assertThat(breakers.view(KEY).state()).isEqualTo("closed");
    assertThat(breakers.view(KEY).openUntil()).isNull();
    assertThat(calls).hasValue(8);
  }

  @Test
  void logs_when_a_circuit_opens_lets_probes_through_and_closes() {
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CircuitBreakers.class);
    var captured =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    captured.start();
    logger.addAppender(captured);
    try {
      Agent guarded = breakers.guard(KEY, flaky);
      openCircuit(guarded);
      down = false;
      clock.advance(OPEN.plusMillis(1));
      run(guarded);
      run(guarded);
      run(guarded);
    } finally {
      logger.detachAppender(captured);
    }

    assertThat(captured.list)
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
        .containsExactly(
            "WARN circuit of agent ocr@1.0.0 opened: 5 of its last 5 calls were outages; its nodes"
                + " wait 60 s before probe calls are let through",
            "INFO circuit of agent ocr@1.0.0 half-open: letting 3 probe calls through",
            "INFO circuit of agent ocr@1.0.0 closed: calls go through again");
  }

  @Test
  void a_half_open_circuit_lets_only_its_probes_through_at_a_time() throws Exception {
    var entered = new CountDownLatch(3);
    var release = new CountDownLatch(1);
    Agent slow =
        breakers.guard(
            KEY,
            call -> {
              if (down) {
                throw new AgentException.Unreachable("AGENT_UNREACHABLE", "down");
              }
              entered.countDown();
              release.await();
              return AgentResult.success(Map.of());
            });
    openCircuit(slow);
    down = false;
    clock.advance(OPEN.plusMillis(1));
    List<Thread> probes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      probes.add(Thread.ofVirtual().start(() -> run(slow)));
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> slow.execute(call()))
        .isInstanceOfSatisfying(
            AgentUnavailableException.class,
            e -> assertThat(e.code()).isEqualTo("circuit_half_open"));
    release.countDown();
    for (Thread probe : probes) {
      probe.join();
    }
    assertThat(breakers.view(KEY).state()).isEqualTo("closed");
  }

  @Test
  void failed_probes_open_the_circuit_for_another_wait() {
    Agent guarded = breakers.guard(KEY, flaky);
    openCircuit(guarded);
    clock.advance(OPEN.plusMillis(1));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> guarded.execute(call()))
          .isInstanceOf(AgentException.Unreachable.class);
    }

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
