package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.engine.InvalidInputsException;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine end to end on a real store: agents on virtual threads, group commits, timers. */
abstract class EngineContract {

  /** Opens the store under test; called again on each restart, on the same database. */
  protected abstract Supplier<JdbcStore> store();

  private EngineHarness harness;

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void runs_a_chain_to_success_with_one_completion_per_node() throws Exception {
    harness = EngineHarness.open(store(), new TestAgents());
    var flow =
        EngineHarness.parse(
            """
            id: chain
            version: 1.0.0
            inputs:
              name: {type: string, required: true}
            nodes:
              - id: a
                agent: echo
                with: {text: "hi ${inputs.name}"}
              - id: b
                agent: echo
                needs: a
                with: {text: "${nodes.a.output.text}!"}
              - id: c
                agent: echo
                needs: b
                with: {text: "${nodes.b.output.text}!"}
            outputs:
              text: "${nodes.c.output.text}"
            """);

    String id = harness.engine().start(flow, Map.of("name", "Ada"));
    var done = harness.await(id);

    assertThat(id).matches("ex_[0-9a-z]{26}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).isEqualTo(Map.of("text", "hi Ada!!"));
    for (String node : List.of("a", "b", "c")) {
      assertThat(harness.eventsOf(id, node))
          .containsExactly("node.scheduled", "node.started", "node.completed");
    }
    assertThat(harness.engine().runs(id))
        .extracting(NodeRun::path, NodeRun::status, NodeRun::idempotencyKey)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", NodeStatus.SUCCEEDED, id + "/a/1"),
            org.assertj.core.groups.Tuple.tuple("b", NodeStatus.SUCCEEDED, id + "/b/1"),
            org.assertj.core.groups.Tuple.tuple("c", NodeStatus.SUCCEEDED, id + "/c/1"));
    assertThat(harness.store().executions().tasks()).isEmpty();
  }

  @Test
  void a_chain_commits_once_per_step_with_each_claim_riding_in_the_commit_that_schedules_it()
      throws Exception {
    harness = EngineHarness.open(store(), new TestAgents());
    var flow =
        EngineHarness.parse(
            """
            id: five
            version: 1.0.0
            nodes:
              - {id: a, agent: echo}
              - {id: b, agent: echo, needs: a}
              - {id: c, agent: echo, needs: b}
              - {id: d, agent: echo, needs: c}
              - {id: e, agent: echo, needs: d}
            """);
    long before = harness.engine().commitStats().batches();

    String id = harness.engine().start(flow, Map.of());
    var done = harness.await(id);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // the start, then one commit per completion, each also scheduling and claiming the next node;
    // a worker that committed its claim itself would add a commit per node
    assertThat(harness.engine().commitStats().batches() - before).isEqualTo(6);
    for (String node : List.of("a", "b", "c", "d", "e")) {
      assertThat(harness.eventsOf(id, node))
          .containsExactly("node.scheduled", "node.started", "node.completed");
    }
    assertThat(harness.engine().runs(id))
        .allSatisfy(run -> assertThat(run.startedAt()).isNotNull());
  }

  @Test
  void start_once_under_a_given_id_starts_one_execution_however_often_it_is_asked()
      throws Exception {
    harness = EngineHarness.open(store(), new TestAgents());
    var flow =
        EngineHarness.parse(
            """
            id: once
            version: 1.0.0
            nodes:
              - {id: a, agent: echo, with: {v: 1}}
            """);
    String id = "ex_0123456789abcdef0123456789";

    boolean first = harness.engine().startOnce(flow, Map.of(), id);
    boolean second = harness.engine().startOnce(flow, Map.of(), id);
    harness.await(id);
    boolean afterTheEnd = harness.engine().startOnce(flow, Map.of(), id);

    assertThat(List.of(first, second, afterTheEnd)).containsExactly(true, false, false);
    assertThat(harness.eventsOf(id, "a"))
        .containsExactly("node.scheduled", "node.started", "node.completed");
    assertThatThrownBy(() -> harness.engine().startOnce(flow, Map.of(), "run-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ex_");
  }

  @Test
  void refuses_another_body_under_a_version_it_already_runs() throws Exception {
    harness = EngineHarness.open(store(), new TestAgents());
    String yaml =
        """
        id: fixed
        version: 1.0.0
        nodes:
          - {id: a, agent: echo, with: {v: %s}}
        """;
    harness.await(harness.engine().start(EngineHarness.parse(yaml.formatted(1)), Map.of()));

    assertThatThrownBy(
            () -> harness.engine().start(EngineHarness.parse(yaml.formatted(2)), Map.of()))
        .isInstanceOf(io.aispine.store.FlowConflictException.class)
        .hasMessageContaining("fixed")
        .hasMessageContaining("bump the version");
  }

  @Test
  void parallel_branches_run_at_the_same_time() throws Exception {
    var bothRunning = new CountDownLatch(2);
    harness =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "rendezvous",
                    call -> {
                      bothRunning.countDown();
                      // only returns true when the other branch is running at the same time
                      return AgentResult.success(
                          Map.of("met", bothRunning.await(10, TimeUnit.SECONDS)));
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: parallel
            version: 1.0.0
            nodes:
              - {id: left, agent: rendezvous}
              - {id: right, agent: rendezvous}
              - {id: join, agent: echo, needs: [left, right]}
            outputs:
              met: "${nodes.left.output.met and nodes.right.output.met}"
            """);

    var done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).isEqualTo(Map.of("met", true));
  }

  @Test
  void retrying_a_failed_execution_reruns_only_what_failed_with_new_attempts() throws Exception {
    var fixed = new java.util.concurrent.atomic.AtomicBoolean();
    var prepareCalls = new AtomicInteger();
    harness =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "prepare",
                    call -> {
                      prepareCalls.incrementAndGet();
                      return AgentResult.success(Map.of("ready", true));
                    })
                .with(
                    "book",
                    call -> {
                      if (!fixed.get()) {
                        throw new AgentException.Permanent("NO_ROOMS", "hotel is full");
                      }
                      return AgentResult.success(Map.of("room", 12));
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: booking
            version: 1.0.0
            nodes:
              - {id: prepare, agent: prepare}
              - {id: book, agent: book, needs: prepare}
              - {id: confirm, agent: echo, needs: book, with: {room: "${nodes.book.output.room}"}}
            outputs:
              room: "${nodes.confirm.output.room}"
            """);
    String id = harness.engine().start(flow, Map.of());
    assertThat(harness.await(id).status()).isEqualTo(ExecutionStatus.FAILED);

    fixed.set(true);
    assertThat(harness.engine().retry(id)).isTrue();
    var done = harness.await(id);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.error()).isNull();
    assertThat(done.outputs()).isEqualTo(Map.of("room", 12));
    assertThat(prepareCalls).hasValue(1);
    assertThat(harness.engine().runs(id))
        .extracting(NodeRun::path, NodeRun::attempt, NodeRun::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("prepare", 1, NodeStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("book", 1, NodeStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple("book", 2, NodeStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("confirm", 1, NodeStatus.SUCCEEDED));
    assertThat(harness.history(id))
        .extracting(e -> e.type().wireName())
        .contains("execution.retried");
    // a second retry of a succeeded execution changes nothing
    assertThat(harness.engine().retry(id)).isFalse();
  }

  @Test
  void retries_with_backoff_until_the_agent_succeeds() throws Exception {
    var calls = new AtomicInteger();
    harness =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "flaky",
                    call -> {
                      calls.incrementAndGet();
                      if (call.attempt() < 3) {
                        throw new AgentException.Retryable("UPSTREAM_DOWN", "try later");
                      }
                      return AgentResult.success(Map.of("attempt", call.attempt()));
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: retry
            version: 1.0.0
            nodes:
              - id: flaky
                agent: flaky
                retry: {max_attempts: 3, backoff: exponential, initial: 20ms, multiplier: 2, max: 1s, jitter: none}
            """);

    String id = harness.engine().start(flow, Map.of());
    var done = harness.await(id);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls).hasValue(3);
    assertThat(harness.history(id))
        .filteredOn(e -> e.type().wireName().equals("node.retrying"))
        .extracting(e -> e.data().get("delay_ms"))
        .containsExactly(20, 40);
    assertThat(harness.engine().runs(id))
        .extracting(NodeRun::attempt, NodeRun::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, NodeStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple(2, NodeStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple(3, NodeStatus.SUCCEEDED));
  }

  @Test
  void a_timeout_interrupts_a_slow_agent_and_fails_the_node() throws Exception {
    var interrupted = new CountDownLatch(1);
    harness =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "slow",
                    call -> {
                      try {
                        Thread.sleep(30_000);
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                      }
                      return AgentResult.success(null);
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: slow
            version: 1.0.0
            nodes:
              - {id: slow, agent: slow, timeout: 200ms}
            """);

    var done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().code()).isEqualTo("TIMEOUT");
    assertThat(done.error().retryable()).isTrue();
  }

  @Test
  void cancel_interrupts_running_agents_and_ends_cancelled() throws Exception {
    var started = new CountDownLatch(2);
    var interrupted = new CountDownLatch(2);
    harness =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "forever",
                    call -> {
                      started.countDown();
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                      }
                      return AgentResult.success(null);
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: forever
            version: 1.0.0
            nodes:
              - {id: one, agent: forever}
              - {id: two, agent: forever}
              - {id: after, agent: echo, needs: [one, two]}
            """);
    String id = harness.engine().start(flow, Map.of());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    harness.engine().cancel(id, "no longer needed");
    var done = harness.await(id);

    assertThat(done.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(done.nodes().values()).allMatch(n -> n.status() == NodeStatus.CANCELLED);
    assertThat(harness.store().executions().tasks()).isEmpty();
    assertThat(harness.eventsOf(id, "one")).doesNotContain("node.failed", "node.completed");
  }

  @Test
  void unknown_agents_and_crashing_agents_fail_the_node_with_a_code() throws Exception {
    harness =
        EngineHarness.open(
            store(),
            new TestAgents()
                .with(
                    "crash",
                    call -> {
                      throw new IllegalStateException("kaboom");
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: broken
            version: 1.0.0
            nodes:
              - {id: missing, agent: nobody, continue_on_error: true}
              - {id: crash, agent: crash, continue_on_error: true}
            outputs:
              missing: "${nodes.missing.output.error.code}"
              crash: "${nodes.crash.output.error.message}"
            """);

    var done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(done.outputs())
        .containsEntry("missing", "AGENT_NOT_FOUND")
        .containsEntry("crash", "IllegalStateException: kaboom");
  }

  @Test
  void rejects_invalid_inputs_before_storing_anything() {
    harness = EngineHarness.open(store(), new TestAgents());
    var flow =
        EngineHarness.parse(
            """
            id: typed
            version: 1.0.0
            inputs:
              count: {type: integer, required: true}
            nodes:
              - {id: a, agent: echo}
            """);

    assertThatThrownBy(() -> harness.engine().start(flow, Map.of("count", "three")))
        .isInstanceOf(InvalidInputsException.class)
        .hasMessageContaining("input 'count' must be integer");
    assertThat(harness.store().executions().list(null, 10)).isEmpty();
  }

  @Test
  void subscribers_see_every_committed_event_in_order() throws Exception {
    harness = EngineHarness.open(store(), new TestAgents());
    var seen = new CopyOnWriteArrayList<ExecutionEvent>();
    var flow =
        EngineHarness.parse(
            """
            id: seen
            version: 1.0.0
            nodes:
              - {id: a, agent: echo}
              - {id: b, agent: echo, needs: a}
            """);

    String id;
    try (var subscription = harness.engine().subscribe(seen::add)) {
      id = harness.engine().start(flow, Map.of());
      harness.await(id);
    }

    // data is compared loosely: numbers come back from JSON as the smallest fitting type
    assertThat(seen)
        .extracting(e -> e.seq() + " " + e.type() + " " + e.nodePath() + " " + e.at())
        .isEqualTo(
            harness.history(id).stream()
                .map(e -> e.seq() + " " + e.type() + " " + e.nodePath() + " " + e.at())
                .toList());
  }
}
