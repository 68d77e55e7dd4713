package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentResult;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Closing the engine and its store mid-run loses nothing: a new engine finishes the work. */
abstract class RestartRecoveryContract {

  /** Opens the store under test; called again on each restart, on the same database. */
  protected abstract Supplier<JdbcStore> store();

  private static final String CHAIN =
      """
      id: chain
      version: 1.0.0
      nodes:
        - {id: a, agent: echo, with: {v: 1}}
        - {id: b, agent: block, needs: a, with: {v: "${nodes.a.output.v + 1}"}}
        - {id: c, agent: echo, needs: b, with: {v: "${nodes.b.output.v + 1}"}}
      outputs:
        v: "${nodes.c.output.v}"
      """;

  @Test
  void an_attempt_running_at_shutdown_runs_again_after_restart_and_completes_once()
      throws Exception {
    var never = new CountDownLatch(1);
    var first =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "block",
                    call -> {
                      never.await();
                      return AgentResult.success(call.input());
                    }));
    String id = first.engine().start(EngineHarness.parse(CHAIN), Map.of());
    awaitNode(first, id, "b", NodeStatus.RUNNING);
    first.stop();

    var keys = new AtomicReference<String>();
    try (var second =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "block",
                    call -> {
                      keys.set(call.idempotencyKey());
                      return AgentResult.success(call.input());
                    }))) {
      var done = second.await(id);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.outputs()).isEqualTo(Map.of("v", 3));
      // the same attempt is delivered again, with the same idempotency key
      assertThat(keys.get()).isEqualTo(id + "/b/1");
      assertThat(second.eventsOf(id, "b"))
          .containsExactly(
              "node.scheduled",
              "node.started",
              "node.lease_expired",
              "node.started",
              "node.completed");
      for (String node : List.of("a", "b", "c")) {
        assertThat(second.eventsOf(id, node)).containsOnlyOnce("node.completed");
      }
    }
  }

  @Test
  void a_wait_node_survives_a_restart() throws Exception {
    var flow =
        EngineHarness.parse(
            """
            id: pause
            version: 1.0.0
            nodes:
              - {id: start, agent: echo}
              - {id: pause, type: wait, needs: start, duration: 300ms}
              - {id: resume, agent: echo, needs: pause}
            """);
    var first = EngineHarness.open(store(), new TestAgents());
    String id = first.engine().start(flow, Map.of());
    awaitNode(first, id, "pause", NodeStatus.WAITING);
    first.stop();

    try (var second = EngineHarness.open(store(), new TestAgents())) {
      var done = second.await(id);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(second.eventsOf(id, "pause"))
          .containsExactly("timer.started", "timer.fired", "node.completed");
    }
  }

  @Test
  void a_timer_that_fell_due_while_the_engine_was_down_fires_at_once_on_restart() throws Exception {
    var clock = new MovableClock(Instant.parse("2025-03-01T09:00:00Z"));
    var options = EngineHarness.fastOptions().withClock(clock);
    var flow =
        EngineHarness.parse(
            """
            id: overnight
            version: 1.0.0
            nodes:
              - {id: pause, type: wait, duration: 8h}
              - {id: resume, agent: echo, needs: pause}
            """);
    var first = new EngineHarness(store(), options).start(new TestAgents());
    String id = first.engine().start(flow, Map.of());
    awaitNode(first, id, "pause", NodeStatus.WAITING);
    first.stop();

    clock.advance(Duration.ofHours(9));
    try (var second = new EngineHarness(store(), options).start(new TestAgents())) {
      var done = second.await(id);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.node("pause").output())
          .isEqualTo(Map.of("waited_until", "2025-03-01T17:00:00Z"));
    }
  }

  private static void awaitNode(EngineHarness h, String id, String node, NodeStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (h.engine().execution(id).orElseThrow().node(node).status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(node + " never became " + status);
      }
      Thread.sleep(5);
    }
  }

  /** A clock the test moves by hand. */
  static final class MovableClock implements InstantSource {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
