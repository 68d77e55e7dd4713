package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aispine.agent.AgentResult;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors (not exceptions: {@link StackOverflowError}, {@link OutOfMemoryError} …) thrown by an
 * agent or while deciding a fact fail the one node or execution they belong to; they never strand a
 * node in {@code running} and never stop the engine.
 */
class ThrownErrorsTest {

  @TempDir Path dataDir;

  private EngineHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void an_agent_throwing_an_error_fails_its_node_for_good() throws Exception {
    var calls = new AtomicInteger();
    harness =
        EngineHarness.open(
            () -> JdbcStore.openDataDir(dataDir),
            new TestAgents()
                .with(
                    "overflowing",
                    call -> {
                      calls.incrementAndGet();
                      throw new StackOverflowError("recursed too deep");
                    }));
    var flow =
        EngineHarness.parse(
            """
            id: erroring
            version: 1.0.0
            nodes:
              - id: deep
                agent: overflowing
                retry: {max_attempts: 3, initial: 10ms}
              - {id: fine, agent: echo, with: {v: 1}}
            """);

    ExecutionState done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    NodeState deep = done.node("deep");
    assertThat(deep.status()).isEqualTo(NodeStatus.FAILED);
    assertThat(deep.error().code()).isEqualTo("AGENT_CRASHED");
    assertThat(deep.error().retryable()).isFalse();
    assertThat(deep.error().message()).contains("StackOverflowError").contains("recursed too deep");
    assertThat(calls).hasValue(1);
    assertThat(done.node("fine").status()).isEqualTo(NodeStatus.SUCCEEDED);
  }

  @Test
  void an_error_while_deciding_a_fact_fails_only_that_execution() throws Exception {
    var gate = new CountDownLatch(1);
    var armed = new AtomicBoolean();
    harness =
        new EngineHarness(
                () -> JdbcStore.openDataDir(dataDir),
                EngineHarness.fastOptions()
                    .withRandom(
                        () -> {
                          // the decider draws one sample per fact: the first one after arming blows
                          if (armed.compareAndSet(true, false)) {
                            throw new StackOverflowError("the decider recursed too deep");
                          }
                          return 0.5;
                        }))
            .start(
                new TestAgents()
                    .with(
                        "held",
                        call -> {
                          gate.await();
                          return AgentResult.success(Map.of("v", 1));
                        }));
    var flow =
        EngineHarness.parse(
            """
            id: held
            version: 1.0.0
            nodes:
              - {id: a, agent: held}
              - {id: b, agent: echo, needs: a, with: {v: 2}}
            """);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(harness.engine().start(flow, Map.of()));
    }
    await()
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            harness.engine().execution(id).orElseThrow().node("a").status()
                                == NodeStatus.RUNNING));

    armed.set(true);
    gate.countDown();

    var failed = new ArrayList<ExecutionState>();
    for (String id : ids) {
      ExecutionState done = harness.await(id);
      assertThat(done.nodes().values()).as(id).allMatch(n -> n.status().terminal());
      if (done.status() != ExecutionStatus.SUCCEEDED) {
        failed.add(done);
      }
    }
    assertThat(failed).hasSize(1);
    ExecutionState victim = failed.getFirst();
    assertThat(victim.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(victim.error().code()).isEqualTo("ENGINE_ERROR");
    assertThat(victim.error().message())
        .contains(victim.id())
        .contains("StackOverflowError")
        .contains("the decider recursed too deep");
    assertThat(harness.store().executions().tasks()).isEmpty();

    // the engine goes on
    var after = harness.await(harness.engine().start(flow, Map.of()));
    assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
