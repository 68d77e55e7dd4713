package io.aispine.store.jdbc.internal;

import io.aispine.store.Plan;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Workspaces in the {@code workspaces} table, and the {@code workspace_id} of owned rows. */
public final class JdbcWorkspaceStore implements WorkspaceStore {

  private static final String COLUMNS =
      "id, name, plan, api_calls_per_minute, executions_per_month, executions_running,"
          + " private_agents, created_at";

  private final ConnectionPools pools;

  /** A store over the given pools. */
  public JdbcWorkspaceStore(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public boolean create(Workspace workspace) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO workspaces ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      insert.setString(1, workspace.id());
      insert.setString(2, workspace.name());
      insert.setString(3, workspace.plan().wireName());
      setOverrides(insert, 4, workspace.overrides());
      Timestamps.set(insert, 8, workspace.createdAt());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqlErrors.translate("creating workspace " + workspace.id(), e);
    }
  }

  @Override
  public Optional<Workspace> find(String id) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM workspaces WHERE id = ?",
            "reading workspace " + id,
            s -> s.setString(1, id),
            JdbcWorkspaceStore::workspace)
        .stream()
        .findFirst();
  }

  @Override
  public List<Workspace> list() {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM workspaces ORDER BY id",
        "listing workspaces",
        s -> {},
        JdbcWorkspaceStore::workspace);
  }

  @Override
  public Optional<Workspace> update(String id, Plan plan, Workspace.QuotaOverrides overrides) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE workspaces SET plan = ?, api_calls_per_minute = ?,"
                    + " executions_per_month = ?, executions_running = ?, private_agents = ?"
                    + " WHERE id = ?")) {
      update.setString(1, plan.wireName());
      setOverrides(update, 2, overrides);
      update.setString(6, id);
      if (update.executeUpdate() == 0) {
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("changing the plan of workspace " + id, e);
    }
    return find(id);
  }

  @Override
  public Optional<String> ownerOf(Owned kind, String id) {
    String sql =
        switch (kind) {
          case FLOW -> "SELECT workspace_id FROM flows WHERE id = ? LIMIT 1";
          case EXECUTION -> "SELECT workspace_id FROM executions WHERE id = ?";
          case APPROVAL -> "SELECT workspace_id FROM approvals WHERE id = ?";
          case AGENT -> "SELECT workspace_id FROM agents WHERE name = ? LIMIT 1";
        };
    return Query.list(
            pools.reader(),
            sql,
            "finding the workspace of " + kind.name().toLowerCase() + " " + id,
            s -> s.setString(1, id),
            row -> row.getString(1))
        .stream()
        .findFirst();
  }

  @Override
  public List<String> flowIds(String workspace) {
    return Query.list(
        pools.reader(),
        "SELECT DISTINCT id FROM flows WHERE workspace_id = ?",
        "listing the flows of workspace " + workspace,
        s -> s.setString(1, workspace),
        row -> row.getString(1));
  }

  @Override
  public List<String> agentNames(String workspace) {
    return Query.list(
        pools.reader(),
        "SELECT DISTINCT name FROM agents WHERE workspace_id = ?",
        "listing the agents of workspace " + workspace,
        s -> s.setString(1, workspace),
        row -> row.getString(1));
  }

  @Override
  public void claimAgent(String name, String version, String workspace) {
    // Only a version that no other workspace holds: the first registration of a name decides.
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE agents SET workspace_id = ? WHERE name = ? AND version = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM agents other WHERE other.name = ?"
                    + " AND other.workspace_id NOT IN (?, 'default'))")) {
      update.setString(1, workspace);
      update.setString(2, name);
      update.setString(3, version);
      update.setString(4, name);
      update.setString(5, workspace);
      update.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate("giving agent " + name + " to workspace " + workspace, e);
    }
  }

  @Override
  public long executionsCreatedSince(String workspace, Instant since) {
    return Query.list(
            pools.reader(),
            "SELECT COUNT(*) FROM executions WHERE workspace_id = ? AND created_at >= ?",
            "counting the executions of workspace " + workspace,
            s -> {
              s.setString(1, workspace);
              Timestamps.set(s, 2, since);
            },
            row -> row.getLong(1))
        .getFirst();
  }

  @Override
  public long executionsRunning(String workspace) {
    return Query.list(
            pools.reader(),
            "SELECT COUNT(*) FROM executions WHERE workspace_id = ? AND status = 'RUNNING'",
            "counting the running executions of workspace " + workspace,
            s -> s.setString(1, workspace),
            row -> row.getLong(1))
        .getFirst();
  }

  private static void setOverrides(PreparedStatement s, int first, Workspace.QuotaOverrides o)
      throws SQLException {
    Long[] values = {
      o.apiCallsPerMinute(), o.executionsPerMonth(), o.executionsRunning(), o.privateAgents()
    };
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        s.setNull(first + i, Types.BIGINT);
      } else {
        s.setLong(first + i, values[i]);
      }
    }
  }

  private static Workspace workspace(ResultSet row) throws SQLException {
    return new Workspace(
        row.getString("id"),
        row.getString("name"),
        Plan.named(row.getString("plan")).orElse(Plan.FREE),
        new Workspace.QuotaOverrides(
            nullableLong(row, "api_calls_per_minute"),
            nullableLong(row, "executions_per_month"),
            nullableLong(row, "executions_running"),
            nullableLong(row, "private_agents")),
        Timestamps.get(row, "created_at"));
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
