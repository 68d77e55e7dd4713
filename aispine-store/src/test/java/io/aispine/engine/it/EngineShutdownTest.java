package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.engine.runtime.DurableEngine;
import io.aispine.execution.ExecutionStatus;
import io.aispine.flow.Flow;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing an engine is bounded: a commit stuck in the store (a write that never returns and does
 * not listen to interrupts) does not keep {@code close()} from returning, and whoever waited for
 * that commit is told that the engine closed instead of waiting for ever.
 */
class EngineShutdownTest {

  private static final Flow FLOW =
      EngineHarness.parse(
          """
          id: one
          version: 1.0.0
          nodes:
            - {id: a, agent: echo, with: {v: 1}}
          """);

  @TempDir Path dataDir;

  @Test
  void close_returns_while_a_commit_hangs_in_the_store_and_its_waiter_learns_it_closed()
      throws Exception {
    var store = new RefusingStore(JdbcStore.openDataDir(dataDir));
    try {
      var engine = DurableEngine.create(store, new TestAgents(), EngineHarness.fastOptions());
      assertThat(engine.await(engine.start(FLOW, Map.of()), java.time.Duration.ofSeconds(30)))
          .extracting(s -> s.status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);

      store.stallWrites();
      var starting = CompletableFuture.supplyAsync(() -> engine.start(FLOW, Map.of()));
      store.awaitStalledWrite();

      CompletableFuture.runAsync(engine::close).get(60, TimeUnit.SECONDS);

      assertThat(starting)
          .failsWithin(60, TimeUnit.SECONDS)
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause()
          .isInstanceOf(IllegalStateException.class)
          .withMessageContaining("closed");
    } finally {
      store.release();
      store.close();
    }
  }
}
