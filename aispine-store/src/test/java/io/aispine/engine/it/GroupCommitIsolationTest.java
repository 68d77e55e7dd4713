package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Fact;
import io.aispine.engine.runtime.internal.CommitOutcome;
import io.aispine.engine.runtime.internal.Committer;
import io.aispine.engine.runtime.internal.FlowGraphs;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.store.StoreException;
import io.aispine.store.StoreUnavailableException;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer on a real SQLite store, with every fact queued before it starts so that they are
 * decided and committed as one batch: a refused execution in the batch fails alone while the others
 * commit, and an outage of the store fails nobody.
 */
class GroupCommitIsolationTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final Flow FLOW =
      EngineHarness.parse(
          """
          id: one
          version: 1.0.0
          inputs:
            word: {type: string, required: true}
          nodes:
            - {id: a, agent: echo, with: {w: "${inputs.word}"}}
          """);

  @TempDir Path dataDir;

  private RefusingStore store;
  private Committer committer;
  private final List<Committer.Applied> applied = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    store = new RefusingStore(JdbcStore.openDataDir(dataDir));
    var graphs = new FlowGraphs(store.flows());
    graphs.register(FLOW, NOW);
    committer =
        new Committer(
            store.executions(),
            graphs,
            () -> 0.5,
            1024,
            PayloadLimit.DEFAULT,
            () -> NOW,
            applied::addAll);
  }

  @AfterEach
  void close() throws InterruptedException {
    committer.stop(Duration.ofSeconds(5));
    store.close();
  }

  @Test
  void one_refused_execution_in_a_batch_of_fifty_fails_alone_and_the_others_commit()
      throws Exception {
    Map<String, CompletableFuture<CommitOutcome>> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      String id = "ex_" + i;
      outcomes.put(id, start(id, i == 25 ? RefusingStore.POISON : "w" + i));
    }
    committer.start();

    for (var entry : outcomes.entrySet()) {
      CommitOutcome outcome = entry.getValue().get(60, TimeUnit.SECONDS);
      if (entry.getKey().equals("ex_25")) {
        assertThat(outcome).isInstanceOf(CommitOutcome.Gone.class);
        assertThat(((CommitOutcome.Gone) outcome).reason())
            .startsWith("execution ex_25 failed: its changes could not be written to the store")
            .contains(RefusingStore.REFUSAL);
      } else {
        assertThat(outcome).as(entry.getKey()).isInstanceOf(CommitOutcome.Done.class);
        ExecutionState state = store.executions().find(entry.getKey()).orElseThrow();
        assertThat(state.status()).isEqualTo(ExecutionStatus.RUNNING);
        // the attempt is claimed in the commit that schedules it
        assertThat(state.node("a").status()).isEqualTo(NodeStatus.RUNNING);
      }
    }
    // one batch of fifty starts, each with the claim of its first node
    assertThat(store.refusedBatchSizes()).first().isEqualTo(100);

    ExecutionState poisoned = store.executions().find("ex_25").orElseThrow();
    assertThat(poisoned.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(poisoned.error().code()).isEqualTo("COMMIT_FAILED");
    assertThat(poisoned.node("a").status()).isEqualTo(NodeStatus.CANCELLED);
    assertThat(store.executions().events("ex_25", 0, 100))
        .extracting(e -> e.type().wireName())
        .containsExactly("execution.started", "node.cancelled", "execution.failed");
    assertThat(store.executions().runs("ex_25")).isEmpty();
    assertThat(store.executions().tasks())
        .hasSize(49)
        .noneMatch(task -> task.executionId().equals("ex_25"));
    // acted on: the 49 starts, their claims and the failure, nothing of the refused start
    assertThat(applied).hasSize(99);
    assertThat(applied).filteredOn(a -> a.fact() instanceof Fact.NodeStarted).hasSize(49);
    assertThat(applied)
        .filteredOn(a -> a.fact() instanceof Fact.ExecutionAborted)
        .singleElement()
        .satisfies(a -> assertThat(a.fact().executionId()).isEqualTo("ex_25"));
  }

  @Test
  void an_outage_fails_no_execution_and_the_facts_commit_once_the_store_is_back() throws Exception {
    store.failEveryWrite(() -> new StoreUnavailableException("injected outage", null));
    assertNobodyFailsUntilTheStoreIsBack();
  }

  @Test
  void a_store_failing_every_write_without_saying_why_fails_no_execution() throws Exception {
    store.failEveryWrite(() -> new StoreException("injected: disk I/O error"));
    assertNobodyFailsUntilTheStoreIsBack();
  }

  private void assertNobodyFailsUntilTheStoreIsBack() throws Exception {
    List<CompletableFuture<CommitOutcome>> first = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      first.add(start("ex_" + i, "w" + i));
    }
    committer.start();
    for (var future : first) {
      assertThat(future.get(60, TimeUnit.SECONDS)).isInstanceOf(CommitOutcome.StoreFailed.class);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(store.executions().find("ex_" + i)).isEmpty();
    }

    store.recover();
    for (int i = 0; i < 10; i++) {
      assertThat(start("ex_" + i, "w" + i).get(60, TimeUnit.SECONDS))
          .isInstanceOf(CommitOutcome.Done.class);
      assertThat(store.executions().find("ex_" + i).orElseThrow().status())
          .isEqualTo(ExecutionStatus.RUNNING);
    }
  }

  private CompletableFuture<CommitOutcome> start(String id, String word) {
    var state =
        new ExecutionState(
            id,
            FLOW.id(),
            FLOW.version().text(),
            ExecutionStatus.RUNNING,
            Map.of("word", word),
            Map.of(),
            Map.of(),
            null,
            NOW,
            null,
            0,
            null,
            null,
            Map.of());
    return committer.submitNew(state, new Fact.ExecutionStarted(id, NOW));
  }
}
