package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aispine.agent.AgentResult;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.store.StoredFlow;
import io.aispine.store.jdbc.JdbcStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Loops, foreach, fork/join and subflows end to end on a real store: agents on virtual threads that
 * see the cancellations the engine sends, child executions started and awaited by the engine.
 */
abstract class ControlFlowContract {

  /** Opens the store under test; called again on each restart, on the same database. */
  protected abstract Supplier<JdbcStore> store();

  private EngineHarness harness;

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
    }
  }

  private EngineHarness open(TestAgents agents) {
    harness = EngineHarness.open(store(), agents);
    return harness;
  }

  private void deploy(Flow flow) {
    harness
        .store()
        .flows()
        .save(new StoredFlow(flow.id(), flow.version().text(), flow.source(), Instant.now()));
  }

  /** An agent that blocks until interrupted, counting the calls that saw the interruption. */
  private static io.aispine.agent.Agent blocking(
      CountDownLatch started, AtomicInteger interrupted) {
    return call -> {
      started.countDown();
      try {
        Thread.sleep(Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      }
      return AgentResult.success(Map.of());
    };
  }

  @Test
  void first_cancels_the_slow_branches_and_their_agents_see_it() throws Exception {
    var slowStarted = new CountDownLatch(2);
    var interrupted = new AtomicInteger();
    var release = new CountDownLatch(1);
    open(
        new TestAgents()
            .with("slow", blocking(slowStarted, interrupted))
            .with(
                "gated",
                call -> {
                  release.await(10, TimeUnit.SECONDS);
                  return AgentResult.success(Map.of("answer", 42));
                }));
    var flow =
        EngineHarness.parse(
            """
            id: race
            version: 1.0.0
            nodes:
              - id: race
                type: fork
                branches:
                  quick: [{id: answer, agent: gated}]
                  slow_one: [{id: think, agent: slow}]
                  slow_two: [{id: ponder, agent: slow}, {id: after, agent: echo, needs: ponder}]
                join: {strategy: first}
            outputs:
              answer: "${nodes.race.output.output.answer}"
              winner: "${nodes.race.output.winner}"
            """);
    String id = harness.engine().start(flow, Map.of());
    assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    ExecutionState done = harness.await(id);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).isEqualTo(Map.of("answer", 42, "winner", "quick"));
    await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.get() == 2);
    assertThat(done.node("race/slow_one/think").status()).isEqualTo(NodeStatus.CANCELLED);
    assertThat(done.node("race/slow_two/after").status()).isEqualTo(NodeStatus.CANCELLED);
    assertThat(harness.engine().runs(id))
        .filteredOn(r -> r.path().startsWith("race/slow"))
        .extracting(NodeRun::status)
        .containsOnly(NodeStatus.CANCELLED);
    assertThat(harness.store().executions().tasks()).isEmpty();
  }

  @Test
  void foreach_never_runs_more_items_at_once_than_max_concurrency() throws Exception {
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    open(
        new TestAgents()
            .with(
                "work",
                call -> {
                  int now = running.incrementAndGet();
                  peak.accumulateAndGet(now, Math::max);
                  Thread.sleep(20);
                  running.decrementAndGet();
                  return AgentResult.success(call.input());
                }));
    var flow =
        EngineHarness.parse(
            """
            id: many
            version: 1.0.0
            inputs:
              items: {type: array}
            nodes:
              - id: each
                type: foreach
                items: "${inputs.items}"
                max_concurrency: 3
                body:
                  - {id: work, agent: work, with: {n: "${item}"}}
            outputs:
              all: "${nodes.each.output.outputs}"
            """);
    var items = java.util.stream.IntStream.range(0, 30).boxed().toList();

    ExecutionState done = harness.await(harness.engine().start(flow, Map.of("items", items)));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(peak.get()).isBetween(1, 3);
    List<Object> expected = items.stream().<Object>map(i -> Map.of("n", i)).toList();
    assertThat(done.outputs().get("all")).isEqualTo(expected);
  }

  @Test
  void a_subflow_runs_a_child_with_a_loop_and_hands_its_outputs_to_the_parent() throws Exception {
    open(new TestAgents());
    deploy(
        EngineHarness.parse(
            """
            id: counter
            version: 1.2.0
            inputs:
              times: {type: integer}
            nodes:
              - id: count
                type: loop
                max_iterations: 10
                break_if: "loop.iteration > inputs.times"
                body:
                  - {id: tick, agent: echo, with: {i: "${loop.iteration}"}}
            outputs:
              ticks: "${nodes.count.output.iterations}"
            """));
    var parent =
        EngineHarness.parse(
            """
            id: parent
            version: 1.0.0
            nodes:
              - id: child
                type: subflow
                flow: counter@^1.1
                with: {times: 3}
            outputs:
              ticks: "${nodes.child.output.outputs.ticks}"
              child: "${nodes.child.output.execution}"
            """);

    ExecutionState done = harness.await(harness.engine().start(parent, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).containsEntry("ticks", 3);
    String childId = (String) done.outputs().get("child");
    ExecutionState child = harness.engine().execution(childId).orElseThrow();
    assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(child.parent()).isEqualTo(new ExecutionState.ParentLink(done.id(), "child", 1));
    assertThat(child.flowVersion()).isEqualTo("1.2.0");
  }

  @Test
  void a_failed_child_fails_the_parent_node_and_on_error_can_handle_it() throws Exception {
    open(new TestAgents());
    deploy(
        EngineHarness.parse(
            """
            id: broken
            version: 1.0.0
            nodes:
              - {id: boom, agent: missing-agent}
            """));
    var parent =
        EngineHarness.parse(
            """
            id: careful
            version: 1.0.0
            nodes:
              - {id: child, type: subflow, flow: broken, on_error: recover}
              - {id: recover, agent: echo, with: {why: "${nodes.child.error.code}"}}
              - {id: missing, type: subflow, flow: nowhere@^2, needs: recover}
            """);

    ExecutionState done = harness.await(harness.engine().start(parent, Map.of()));

    assertThat(done.node("child").error().code()).isEqualTo("SUBFLOW_FAILED");
    assertThat(done.node("child").error().message()).contains("AGENT_NOT_FOUND");
    assertThat(done.node("recover").output()).isEqualTo(Map.of("why", "SUBFLOW_FAILED"));
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().code()).isEqualTo("SUBFLOW_NOT_FOUND");
    assertThat(done.error().message()).contains("nowhere", "^2");
  }

  @Test
  void cancelling_the_parent_cancels_the_child_and_its_running_agent_sees_it() throws Exception {
    var started = new CountDownLatch(1);
    var interrupted = new AtomicInteger();
    open(new TestAgents().with("slow", blocking(started, interrupted)));
    deploy(
        EngineHarness.parse("id: slowchild\nversion: 1.0.0\nnodes:\n  - {id: s, agent: slow}\n"));
    var parent =
        EngineHarness.parse(
            "id: p\nversion: 1.0.0\nnodes:\n  - {id: child, type: subflow, flow: slowchild}\n");
    String id = harness.engine().start(parent, Map.of());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    String childId = childOf(id);

    harness.engine().cancel(id, "operator said stop");

    assertThat(harness.await(id).status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(harness.await(childId).status()).isEqualTo(ExecutionStatus.CANCELLED);
    await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.get() == 1);
  }

  @Test
  void cancelling_the_child_fails_the_parent_node() throws Exception {
    var started = new CountDownLatch(1);
    open(new TestAgents().with("slow", blocking(started, new AtomicInteger())));
    deploy(
        EngineHarness.parse("id: slowchild\nversion: 1.0.0\nnodes:\n  - {id: s, agent: slow}\n"));
    var parent =
        EngineHarness.parse(
            "id: p\nversion: 1.0.0\nnodes:\n  - {id: child, type: subflow, flow: slowchild}\n");
    String id = harness.engine().start(parent, Map.of());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    harness.engine().cancel(childOf(id), "not needed");

    ExecutionState done = harness.await(id);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.node("child").error().code()).isEqualTo("SUBFLOW_CANCELLED");
  }

  @Test
  void a_flow_that_calls_itself_stops_at_the_depth_limit() throws Exception {
    open(new TestAgents());
    Flow self =
        EngineHarness.parse(
            "id: selfish\nversion: 1.0.0\nnodes:\n  - {id: again, type: subflow, flow: selfish}\n");
    deploy(self);

    ExecutionState done = harness.await(harness.engine().start(self, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().code()).isEqualTo("SUBFLOW_FAILED");
    assertThat(done.error().message()).contains("SUBFLOW_TOO_DEEP", "beyond the limit of 10");
  }

  @Test
  void a_subflow_waits_across_a_restart_and_its_child_starts_once() throws Exception {
    var started = new CountDownLatch(1);
    open(new TestAgents().with("slow", blocking(started, new AtomicInteger())));
    deploy(
        EngineHarness.parse(
            """
            id: pause
            version: 1.0.0
            nodes:
              - {id: hold, agent: slow}
              - {id: then, agent: echo, needs: hold, with: {done: true}}
            outputs:
              done: "${nodes.then.output.done}"
            """));
    var parent =
        EngineHarness.parse(
            "id: p\nversion: 1.0.0\nnodes:\n  - {id: child, type: subflow, flow: pause}\n"
                + "outputs:\n  done: \"${nodes.child.output.outputs.done}\"\n");
    String id = harness.engine().start(parent, Map.of());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    String childId = childOf(id);

    harness.stop();
    harness.start(new TestAgents().with("slow", call -> AgentResult.success(Map.of())));

    ExecutionState done = harness.await(id);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).isEqualTo(Map.of("done", true));
    assertThat(childOf(id)).isEqualTo(childId);
    assertThat(harness.store().executions().list("pause", 10)).hasSize(1);
  }

  /** The id of the child execution that the parent's only subflow node started. */
  private String childOf(String parentId) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.store().executions().findActive().stream()
                    .filter(e -> e.parent() != null && e.parent().execution().equals(parentId))
                    .map(ExecutionState::id)
                    .findFirst()
                    .or(
                        () ->
                            harness.store().executions().list(null, 100).stream()
                                .filter(
                                    e ->
                                        e.parent() != null
                                            && e.parent().execution().equals(parentId))
                                .map(ExecutionState::id)
                                .findFirst())
                    .orElse(null),
            java.util.Objects::nonNull);
  }
}
