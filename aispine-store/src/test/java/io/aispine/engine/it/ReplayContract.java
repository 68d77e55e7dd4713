package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentResult;
import io.aispine.engine.ExecutionNotFinishedException;
import io.aispine.engine.ReplayRequest;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.ReplayOrigin;
import io.aispine.flow.Flow;
import io.aispine.store.jdbc.JdbcStore;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time travel on a real store: a replay calls no agent for the nodes it reuses. */
abstract class ReplayContract {

  /** Opens the store under test; called again on each restart, on the same database. */
  protected abstract Supplier<JdbcStore> store();

  private static final Flow CHAIN =
      EngineHarness.parse(
          """
          id: chain
          version: 1.0.0
          inputs:
            name: {type: string, required: true}
          nodes:
            - {id: a, agent: count, with: {v: "${inputs.name}"}}
            - {id: b, agent: count, needs: a, with: {v: "${nodes.a.output.v}-b"}}
            - {id: c, agent: count, needs: b, with: {v: "${nodes.b.output.v}-c"}}
            - {id: d, agent: count, needs: c, with: {v: "${nodes.c.output.v}-d"}}
          outputs:
            v: "${nodes.d.output.v}"
          """);

  /** Every agent call: execution id and node path. */
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private EngineHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private TestAgents counting() {
    return new TestAgents()
        .with(
            "count",
            call -> {
              calls.add(call.executionId() + "/" + call.nodePath());
              return AgentResult.success(call.input());
            });
  }

  private long callsOf(String executionId, String node) {
    return calls.stream().filter((executionId + "/" + node)::equals).count();
  }

  @Test
  void replays_from_a_middle_node_calling_no_agent_before_it() throws Exception {
    harness = EngineHarness.open(store(), counting());
    String origin = harness.engine().start(CHAIN, Map.of("name", "ada"));
    assertThat(harness.await(origin).outputs()).isEqualTo(Map.of("v", "ada-b-c-d"));

    String replay =
        harness
            .engine()
            .replay(origin, new ReplayRequest("c", Map.of(), Map.of("b", Map.of("v", "grace-b"))));
    var done = harness.await(replay);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).isEqualTo(Map.of("v", "grace-b-c-d"));
    assertThat(done.flowVersion()).isEqualTo("1.0.0");
    for (String node : List.of("a", "b")) {
      assertThat(callsOf(origin, node)).as("origin calls of %s", node).isEqualTo(1);
      assertThat(callsOf(replay, node)).as("replay calls of %s", node).isZero();
      assertThat(harness.eventsOf(replay, node)).containsExactly("node.reused");
    }
    for (String node : List.of("c", "d")) {
      assertThat(callsOf(replay, node)).as("replay calls of %s", node).isEqualTo(1);
    }
    assertThat(done.node("b").output()).isEqualTo(Map.of("v", "grace-b"));
    assertThat(harness.engine().runs(replay))
        .extracting(NodeRun::path, NodeRun::idempotencyKey)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("c", replay + "/c/1"),
            org.assertj.core.groups.Tuple.tuple("d", replay + "/d/1"));
    // the link survives the store: read back from the database, not from the engine's cache
    assertThat(harness.store().executions().find(replay).orElseThrow().replayOf())
        .isEqualTo(new ReplayOrigin(origin, "c", List.of("a", "b"), List.of("b")));
    assertThat(harness.history(replay).getFirst().data())
        .containsEntry("replay_of", Map.of("execution", origin, "from", "c"));
  }

  @Test
  void an_accepted_replay_survives_a_restart_and_still_reuses_what_came_before() throws Exception {
    var blocking = new AtomicBoolean(false);
    var cRunning = new CountDownLatch(1);
    TestAgents agents =
        counting()
            .with(
                "gate",
                call -> {
                  calls.add(call.executionId() + "/" + call.nodePath());
                  if (blocking.get()) {
                    cRunning.countDown();
                    new CountDownLatch(1).await(); // until the engine stops and interrupts it
                  }
                  return AgentResult.success(call.input());
                });
    Flow flow =
        EngineHarness.parse(
            """
            id: gated
            version: 1.0.0
            nodes:
              - {id: a, agent: count, with: {v: 1}}
              - {id: b, agent: count, needs: a, with: {v: 2}}
              - {id: c, agent: gate, needs: b, with: {v: 3}}
            """);
    harness = EngineHarness.open(store(), agents);
    String origin = harness.engine().start(flow, Map.of());
    harness.await(origin);
    blocking.set(true);

    String replay = harness.engine().replay(origin, ReplayRequest.from("c"));
    assertThat(cRunning.await(10, TimeUnit.SECONDS)).isTrue();
    harness.stop();
    blocking.set(false);
    harness.start(agents);

    assertThat(harness.await(replay).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(callsOf(replay, "a")).isZero();
    assertThat(callsOf(replay, "b")).isZero();
    assertThat(callsOf(replay, "c")).isEqualTo(2); // interrupted by the stop, then run again
  }

  @Test
  void refuses_an_unknown_or_running_origin() throws Exception {
    var release = new CountDownLatch(1);
    harness =
        EngineHarness.open(
            store(),
            counting()
                .with(
                    "hold",
                    call -> {
                      release.await();
                      return AgentResult.success(Map.of());
                    }));
    Flow held =
        EngineHarness.parse(
            """
            id: held
            version: 1.0.0
            nodes:
              - {id: a, agent: hold}
            """);
    String running = harness.engine().start(held, Map.of());

    assertThatThrownBy(() -> harness.engine().replay("ex_nope", ReplayRequest.from("a")))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> harness.engine().replay(running, ReplayRequest.from("a")))
        .isInstanceOf(ExecutionNotFinishedException.class);
    release.countDown();
    harness.await(running);
  }
}
