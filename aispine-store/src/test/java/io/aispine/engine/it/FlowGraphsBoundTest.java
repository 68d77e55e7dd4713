package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.engine.runtime.internal.FlowGraphs;
import io.aispine.flow.Flow;
import io.aispine.store.FlowConflictException;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's graph cache on a real SQLite store: it stays within its bound however many versions
 * are deployed, and what it dropped is loaded again, conflicts included.
 */
class FlowGraphsBoundTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dataDir;

  private JdbcStore store;

  @BeforeEach
  void open() {
    store = JdbcStore.openDataDir(dataDir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Flow version(int n, String word) {
    return EngineHarness.parse(
        """
        id: many
        version: 1.0.%d
        nodes:
          - {id: a, agent: echo, with: {w: "%s"}}
        """
            .formatted(n, word));
  }

  @Test
  void keeps_at_most_its_capacity_and_reloads_what_it_dropped() {
    var graphs = new FlowGraphs(store.flows(), 10);
    for (int n = 0; n < 100; n++) {
      graphs.register(version(n, "hello"), NOW);
      assertThat(graphs.size()).isLessThanOrEqualTo(10);
    }

    for (int n = 0; n < 100; n++) {
      assertThat(graphs.get("many", "1.0." + n).flow().ref()).isEqualTo("many@1.0." + n);
    }
    assertThat(graphs.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void refuses_another_body_under_a_version_it_no_longer_holds() {
    var graphs = new FlowGraphs(store.flows(), 10);
    graphs.register(version(0, "hello"), NOW);
    for (int n = 1; n < 50; n++) {
      graphs.register(version(n, "hello"), NOW);
    }

    assertThatThrownBy(() -> graphs.register(version(0, "changed"), NOW))
        .isInstanceOf(FlowConflictException.class);
    assertThat(graphs.register(version(0, "hello"), NOW).flow().ref()).isEqualTo("many@1.0.0");
  }
}
