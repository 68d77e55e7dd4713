package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ExecutionStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step costs the disk on SQLite, counted (not timed): the WAL pages one commit writes. Every
 * commit is fsynced, so each page a step needs not write is time saved on every step of every flow.
 */
class SqlitePagesPerStepTest {

  private static final int PAGE = 4096;
  private static final int FRAME = PAGE + 24; // a WAL frame: header, then the page
  private static final int WAL_HEADER = 32;

  @TempDir Path dataDir;

  @Test
  void a_chain_of_ten_steps_writes_at_most_120_wal_pages() throws Exception {
    var flow =
        EngineHarness.parse(
            """
            id: ten
            version: 1.0.0
            nodes:
              - {id: n1, agent: echo}
              - {id: n2, agent: echo, needs: n1}
              - {id: n3, agent: echo, needs: n2}
              - {id: n4, agent: echo, needs: n3}
              - {id: n5, agent: echo, needs: n4}
              - {id: n6, agent: echo, needs: n5}
              - {id: n7, agent: echo, needs: n6}
              - {id: n8, agent: echo, needs: n7}
              - {id: n9, agent: echo, needs: n8}
              - {id: n10, agent: echo, needs: n9}
            """);
    try (var harness = EngineHarness.open(() -> JdbcStore.openDataDir(dataDir), new TestAgents())) {
      // a first execution warms up what a flow's first run writes once (its flow row and so on)
      harness.await(harness.engine().start(flow, Map.of()));
      emptyWal();
      long commitsBefore = harness.engine().commitStats().batches();

      var done = harness.await(harness.engine().start(flow, Map.of()));

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      long commits = harness.engine().commitStats().batches() - commitsBefore;
      assertThat(commits).as("the start and one commit per step").isEqualTo(11);
      long frames = (Files.size(dataDir.resolve("aispine.db-wal")) - WAL_HEADER) / FRAME;
      // 115 measured: per step the execution row, the node state rows and their index, the events
      // and their index and sequence, the attempt record and its agent index, the task and its
      // run_at index. Before v8 (rowid trees beside the attempt and task keys, the status
      // index entry rewritten unchanged) the same run wrote 145.
      assertThat(frames).as("WAL pages written by %d commits", commits).isLessThanOrEqualTo(120);
    }
  }

  /** Checkpoints the WAL into the database and truncates it, so what follows starts at frame 0. */
  private void emptyWal() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aispine.db"));
        ResultSet r = c.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      r.next();
      assertThat(r.getInt(1)).as("checkpoint not blocked").isZero();
    }
    assertThat(Files.size(dataDir.resolve("aispine.db-wal"))).isZero();
  }
}
