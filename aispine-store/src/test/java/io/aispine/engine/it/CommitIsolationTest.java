package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aispine.agent.AgentResult;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change the store refuses to write fails the one execution it belongs to, decided against what
 * that execution had committed; every other execution goes on, and a restart on the same SQLite
 * file neither writes the poison again nor wedges.
 */
class CommitIsolationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final Flow FLOW =
      EngineHarness.parse(
          """
          id: chain
          version: 1.0.0
          inputs:
            word: {type: string, required: true}
          nodes:
            - {id: a, agent: echo, with: {w: "${inputs.word}"}}
            - {id: b, agent: maybe-poison, needs: a, with: {w: "${nodes.a.output.w}"}}
            - {id: c, agent: echo, needs: b, with: {w: "${nodes.b.output.w}"}}
          outputs:
            w: "${nodes.c.output.w}"
          """);

  @TempDir Path dataDir;

  /** Holds node b of an execution started with "poison-later" until opened. */
  private final CountDownLatch gate = new CountDownLatch(1);

  private final TestAgents agents =
      new TestAgents()
          .with(
              "maybe-poison",
              call -> {
                Object word = ((Map<?, ?>) call.input()).get("w");
                if ("poison-later".equals(word)) {
                  gate.await();
                }
                boolean poison = String.valueOf(word).startsWith("poison");
                return AgentResult.success(Map.of("w", poison ? RefusingStore.POISON : word));
              });

  private RefusingStore store;
  private DurableEngine engine;

  @AfterEach
  void close() {
    gate.countDown();
    if (engine != null) {
      engine.close();
      store.close();
    }
  }

  @Test
  void a_write_the_store_refuses_fails_only_its_execution_and_a_restart_does_not_wedge()
      throws Exception {
    open();
    String poisoned = engine.start(FLOW, Map.of("word", "poison"));
    var others = new ArrayList<String>();
    for (int i = 0; i < 50; i++) {
      others.add(engine.start(FLOW, Map.of("word", "w" + i)));
    }

    for (int i = 0; i < others.size(); i++) {
      ExecutionState done = engine.await(others.get(i), PATIENCE);
      assertThat(done.status()).as(others.get(i)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.outputs()).isEqualTo(Map.of("w", "w" + i));
    }
    assertFailedCleanly(engine.await(poisoned, PATIENCE));
    assertThat(store.refusedBatches()).isPositive();

    // A second poisoned execution is in the middle of node b when the process stops; after the
    // restart its attempt runs again, its result is refused again, and only it fails.
    String later = engine.start(FLOW, Map.of("word", "poison-later"));
    await()
        .atMost(PATIENCE)
        .until(
            () -> engine.execution(later).orElseThrow().node("b").status() == NodeStatus.RUNNING);
    engine.close();
    store.close();
    gate.countDown();
    open();

    String fresh = engine.start(FLOW, Map.of("word", "fresh"));
    assertThat(engine.await(fresh, PATIENCE).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertFailedCleanly(engine.await(later, PATIENCE));
    assertThat(engine.execution(poisoned).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(store.executions().findActive()).isEmpty();
    assertThat(store.executions().tasks()).isEmpty();

    // and once more from a clean start: nothing of the poison was kept
    engine.close();
    store.close();
    open();
    assertThat(store.executions().findActive()).isEmpty();
    String last = engine.start(FLOW, Map.of("word", "last"));
    assertThat(engine.await(last, PATIENCE).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  /** Failed with an error that says what happened; no node left running, nothing of b stored. */
  private void assertFailedCleanly(ExecutionState state) {
    assertThat(state.status()).as(state.id()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(state.error().code()).isEqualTo("COMMIT_FAILED");
    assertThat(state.error().message())
        .contains(state.id())
        .contains("could not be written")
        .contains(RefusingStore.REFUSAL);
    assertThat(state.nodes().values()).allMatch(n -> n.status().terminal());
    assertThat(state.node("b").output()).isNull();
    assertThat(engine.runs(state.id()))
        .allSatisfy(run -> assertThat(String.valueOf(run.output())).doesNotContain("\u2620"));
    assertThat(store.executions().tasks()).noneMatch(task -> task.executionId().equals(state.id()));
    List<String> types =
        engine.events(state.id(), 0, 1000).stream().map(e -> e.type().wireName()).toList();
    assertThat(types).last().isEqualTo("execution.failed");
  }

  private void open() {
    store = new RefusingStore(JdbcStore.openDataDir(dataDir));
    engine = DurableEngine.create(store, agents, EngineHarness.fastOptions());
  }
}
