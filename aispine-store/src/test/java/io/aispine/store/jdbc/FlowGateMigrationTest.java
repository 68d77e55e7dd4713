package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.store.FlowReview;
import io.aispine.store.FlowStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V13 on a store from before the gate: the versions it holds could run, so they stay runnable
 * (approved by {@code migration}); what is deployed afterwards is a draft.
 */
class FlowGateMigrationTest {

  @TempDir Path dataDir;

  @Test
  void versions_stored_before_the_gate_stay_runnable_and_new_ones_are_drafts() throws Exception {
    String url = "jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE);
    var config =
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite");
    // the store as the release before the gate left it: every migration below V13 (which of V8–V12
    // exist depends on what other work has landed)
    MigrationVersion before =
        java.util.Arrays.stream(config.load().info().all())
            .map(m -> m.getVersion())
            .filter(v -> v.compareTo(MigrationVersion.fromVersion("13")) < 0)
            .max(MigrationVersion::compareTo)
            .orElseThrow();
    config.target(before).load().migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO flows (id, version, source, created_at)"
              + " VALUES ('old', '1.0.0', 'id: old', 1000000)");
    }

    try (var store = JdbcStore.openDataDir(dataDir)) {
      store
          .flows()
          .deploy(new io.aispine.store.StoredFlow("old", "1.1.0", "id: old2", null), "key_a");

      FlowReview migrated = store.flows().review("old", "1.0.0").orElseThrow();
      assertThat(migrated.status()).isEqualTo(FlowStatus.APPROVED);
      assertThat(migrated.decidedBy()).isEqualTo("migration");
      assertThat(store.flows().review("old", "1.1.0")).contains(FlowReview.draft("key_a"));
    }
  }
}
