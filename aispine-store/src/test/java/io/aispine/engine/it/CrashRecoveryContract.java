package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves durability by crashing (DESIGN §3): a child JVM running {@link CrashWorkload} is killed
 * with SIGKILL at random moments while it starts and runs hundreds of executions with parallel
 * nodes, retries, a wait timer and sleeps; after each kill it is started again. In the end every
 * execution must have succeeded with each node completed exactly once in its history — although
 * hostile executions ran beside them all along (a poison input, an over-weight output, an agent
 * failing at random), and each of those must have ended too, harming only itself.
 *
 * <p>Runs on every dialect ({@link SqliteCrashRecoveryTest}, {@link PostgresCrashRecoveryTest}):
 * the child is told where the store is, a data dir or a JDBC URL.
 */
abstract class CrashRecoveryContract {

  private static final int EXECUTIONS = 300;
  private static final int KILLS = 4;

  @TempDir Path dataDir;

  /** Where the child's store is: a data dir ({@code dataDir/data}) or a database's JDBC URL. */
  protected abstract String storeLocation();

  @Test
  void killed_processes_lose_nothing_and_apply_no_completion_twice() throws Exception {
    long seed = System.nanoTime();
    var random = new Random(seed);
    Path log = dataDir.resolve("workload.log");

    for (int kill = 1; kill <= KILLS; kill++) {
      Process child = launch(log);
      try {
        // killed a random moment after an agent call is in flight, not after the engine opened:
        // on a loaded machine that can be seconds later, and a kill before any work proves nothing
        awaitLine(child, "WORKING", 120);
        Thread.sleep(random.nextInt(1200));
      } finally {
        child.destroyForcibly();
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died after kill %d", kill).isTrue();
    }
    Process last = launch(log);
    try {
      awaitLine(last, "DONE", 300);
      assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      // a failed wait must not leave the child running once this JVM (and its database) is gone
      last.destroyForcibly();
    }
    assertThat(last.exitValue()).as("last run's exit code (seed %d)", seed).isZero();

    try (var store = CrashWorkload.openStore(storeLocation())) {
      List<ExecutionState> executions = store.executions().list("crash", EXECUTIONS * 2);
      List<ExecutionState> children = store.executions().list("crash-child", EXECUTIONS * 2);
      long leasesExpired = 0;
      assertThat(executions).as("executions (seed %d)", seed).hasSize(EXECUTIONS);
      // every parent started exactly one child, however often its subflow attempt was redelivered
      assertThat(children)
          .as("children (seed %d)", seed)
          .hasSize(EXECUTIONS)
          .extracting(c -> c.parent().execution())
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(
              executions.stream().map(ExecutionState::id).toList());
      for (ExecutionState execution : children) {
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(completions(store, execution))
            .containsOnlyKeys(CrashWorkload.CHILD_NODES)
            .allSatisfy((node, count) -> assertThat(count).isEqualTo(1L));
      }
      for (ExecutionState execution : executions) {
        assertThat(execution.status())
            .as("%s (seed %d)", execution.id(), seed)
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        List<ExecutionEvent> history = store.executions().events(execution.id(), 0, 10_000);
        assertThat(execution.node("race/slow/s").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(execution.outputs()).isEqualTo(Map.of("n", execution.inputs().get("n")));
        assertThat(completions(store, execution))
            .as("node.completed per node of %s (seed %d)", execution.id(), seed)
            .containsOnlyKeys(CrashWorkload.NODES)
            .allSatisfy((node, count) -> assertThat(count).isEqualTo(1L));
        assertThat(history.get(history.size() - 1).type().wireName())
            .isEqualTo("execution.completed");
        leasesExpired +=
            history.stream().filter(e -> e.type().wireName().equals("node.lease_expired")).count();
      }
      System.out.printf(
          "crash test (seed %d): %d kills, %d attempts redelivered after a kill%n",
          seed, KILLS, leasesExpired);
      // the kills must have hit attempts in flight, or this test proved nothing
      assertThat(leasesExpired).as("attempts running at a kill (seed %d)", seed).isPositive();
      assertHostileNeighboursEnded(store, seed);
      assertThat(store.executions().tasks()).isEmpty();
    }
  }

  /**
   * The poison and heavy executions failed at their bad node with an error naming the bound, the
   * coin tosses ended one way or the other; no node of any of them completed twice.
   */
  private static void assertHostileNeighboursEnded(JdbcStore store, long seed) {
    List<ExecutionState> poisons = store.executions().list("poison", 100);
    assertThat(poisons).as("poison executions (seed %d)", seed).hasSize(CrashWorkload.POISONS);
    for (ExecutionState execution : poisons) {
      assertThat(execution.status())
          .as("%s (seed %d)", execution.id(), seed)
          .isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.node("a").status()).isEqualTo(NodeStatus.SUCCEEDED);
      assertThat(execution.node("b").status()).isEqualTo(NodeStatus.FAILED);
      assertThat(execution.node("b").error().retryable()).isFalse();
      assertThat(execution.node("b").error().message()).contains("limit");
    }
    List<ExecutionState> heavies = store.executions().list("heavy", 100);
    assertThat(heavies).as("heavy executions (seed %d)", seed).hasSize(CrashWorkload.HEAVIES);
    for (ExecutionState execution : heavies) {
      assertThat(execution.status())
          .as("%s (seed %d)", execution.id(), seed)
          .isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.node("big").error().retryable()).isFalse();
      assertThat(execution.node("big").error().message()).contains("limit");
      assertThat(execution.node("after").status()).isEqualTo(NodeStatus.SKIPPED);
    }
    List<ExecutionState> coins = store.executions().list("coin", 100);
    assertThat(coins).as("coin executions (seed %d)", seed).hasSize(CrashWorkload.COINS);
    for (ExecutionState execution : coins) {
      assertThat(execution.status().terminal()).as("%s (seed %d)", execution.id(), seed).isTrue();
      assertThat(completions(store, execution))
          .allSatisfy((node, count) -> assertThat(count).isEqualTo(1L));
    }
  }

  /** How many {@code node.completed} events each node path of an execution has. */
  private static Map<String, Long> completions(JdbcStore store, ExecutionState execution) {
    return store.executions().events(execution.id(), 0, 10_000).stream()
        .filter(e -> e.type().wireName().equals("node.completed"))
        .collect(Collectors.groupingBy(ExecutionEvent::nodePath, Collectors.counting()));
  }

  private Process launch(Path log) throws IOException {
    return ChildJvm.launch(log, CrashWorkload.class, storeLocation(), String.valueOf(EXECUTIONS));
  }

  private void awaitLine(Process child, String expected, int seconds) throws Exception {
    ChildJvm.awaitLine(child, expected, seconds, dataDir.resolve("workload.log"));
  }
}
