package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.store.Plan;
import io.aispine.store.StoredFlow;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore.Owned;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A store at the schema before workspaces (v10), holding one of everything, migrates into the
 * {@code default} workspace; afterwards new executions, events and approvals take their flow's
 * workspace in the inserting transaction.
 */
abstract class WorkspaceMigrationContract {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final String HASH = "a".repeat(64);

  /** The JDBC URL of an empty database. */
  protected abstract String url();

  /** The dialect's migrations. */
  protected abstract String migrations();

  @Test
  void data_from_before_workspaces_lands_in_the_default_workspace() throws SQLException {
    String url = url();
    Flyway.configure()
        .dataSource(url, null, null)
        .locations(migrations())
        .target("10")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      long t = T0.toEpochMilli() * 1000;
      s.execute(
          "INSERT INTO flows (id, version, source, created_at) VALUES ('f', '1.0.0', 'x', "
              + t
              + ")");
      s.execute(
          "INSERT INTO executions (id, flow_id, flow_version, status, last_seq, state, created_at,"
              + " updated_at) VALUES ('ex_1', 'f', '1.0.0', 'RUNNING', 1, '{}', "
              + t
              + ", "
              + t
              + ")");
      s.execute(
          "INSERT INTO events (execution_id, seq, type, attempt, at) VALUES ('ex_1', 1,"
              + " 'execution.started', 0, "
              + t
              + ")");
      s.execute(
          "INSERT INTO approvals (id, execution_id, node_path, flow_id, message, approvers, status,"
              + " created_at) VALUES ('ap_1', 'ex_1', 'ask', 'f', 'Go?', '[\"admin\"]', 'pending', "
              + t
              + ")");
      s.execute(
          "INSERT INTO agents (name, version, url, description, created_at) VALUES ('reviewer',"
              + " '1.0.0', 'http://127.0.0.1:1', 'Reviews', "
              + t
              + ")");
      s.execute(
          "INSERT INTO api_keys (id, name, role, sha256, created_at) VALUES ('key_1', 'admin',"
              + " 'admin', '"
              + HASH
              + "', "
              + t
              + ")");
    }
    try (JdbcStore store = JdbcStore.open(url)) {
      var workspaces = store.workspaces();
      assertThat(workspaces.find(Workspace.DEFAULT).orElseThrow().plan()).isEqualTo(Plan.UNLIMITED);
      assertThat(workspaces.ownerOf(Owned.FLOW, "f")).contains(Workspace.DEFAULT);
      assertThat(workspaces.ownerOf(Owned.EXECUTION, "ex_1")).contains(Workspace.DEFAULT);
      assertThat(workspaces.ownerOf(Owned.APPROVAL, "ap_1")).contains(Workspace.DEFAULT);
      assertThat(workspaces.ownerOf(Owned.AGENT, "reviewer")).contains(Workspace.DEFAULT);
      var key = store.apiKeys().findByHash(HASH).orElseThrow();
      assertThat(key.workspace()).isEqualTo(Workspace.DEFAULT);
      assertThat(key.role()).as("the bootstrap admin key becomes the owner").isEqualTo("owner");
      assertThat(workspaces.executionsRunning(Workspace.DEFAULT)).isEqualTo(1);

      // from now on an execution, its events and approvals follow their flow's workspace
      assertThat(
              workspaces.create(
                  new Workspace("acme", "Acme", Plan.FREE, Workspace.QuotaOverrides.NONE, T0)))
          .isTrue();
      store.flows().deploy(new StoredFlow("g", "1.0.0", "y", T0), null, "acme");
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO executions (id, flow_id, flow_version, status, last_seq, state,"
                + " created_at, updated_at) VALUES ('ex_2', 'g', '1.0.0', 'RUNNING', 1, '{}', 1,"
                + " 1)");
        s.execute(
            "INSERT INTO events (execution_id, seq, type, attempt, at) VALUES ('ex_2', 1,"
                + " 'execution.started', 0, 1)");
        s.execute(
            "INSERT INTO approvals (id, execution_id, node_path, flow_id, message, approvers,"
                + " status, created_at) VALUES ('ap_2', 'ex_2', 'ask', 'g', 'Go?', '[]',"
                + " 'pending', 1)");
        try (ResultSet row =
            s.executeQuery("SELECT workspace_id FROM events WHERE execution_id = 'ex_2'")) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString(1)).isEqualTo("acme");
        }
      }
      assertThat(workspaces.ownerOf(Owned.FLOW, "g")).contains("acme");
      assertThat(workspaces.ownerOf(Owned.EXECUTION, "ex_2")).contains("acme");
      assertThat(workspaces.ownerOf(Owned.APPROVAL, "ap_2")).contains("acme");
      assertThat(workspaces.flowIds("acme")).containsExactly("g");
      assertThat(workspaces.executionsRunning("acme")).isEqualTo(1);
      assertThat(workspaces.executionsRunning(Workspace.DEFAULT)).isEqualTo(1);
    }
  }
}
