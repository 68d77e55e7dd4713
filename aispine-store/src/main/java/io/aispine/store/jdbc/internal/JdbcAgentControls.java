package io.aispine.store.jdbc.internal;

import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeStatus;
import io.aispine.store.AgentControls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Agent limits and drains in the {@code agent_limits} and {@code agent_drains} tables; an agent's
 * calls from {@code node_runs} through its {@code (agent_name, started_at)} index.
 */
public final class JdbcAgentControls implements AgentControls {

  /** The version column's value for a drain of every version. */
  private static final String EVERY_VERSION = "";

  private final ConnectionPools pools;
  private final JsonCodec json;
  private final JdbcAuditLog audit;

  /** Controls over the given pools. */
  public JdbcAgentControls(ConnectionPools pools, JsonCodec json, JdbcAuditLog audit) {
    this.audit = audit;
    this.pools = pools;
    this.json = json;
  }

  @Override
  public Optional<Limits> limits(String name) {
    return Query.list(
            pools.reader(),
            "SELECT name, rate_per_minute, max_concurrency, updated_at FROM agent_limits"
                + " WHERE name = ?",
            "reading the limits of agent " + name,
            s -> s.setString(1, name),
            row ->
                new Limits(
                    row.getString("name"),
                    integer(row, "rate_per_minute"),
                    integer(row, "max_concurrency"),
                    Timestamps.get(row, "updated_at")))
        .stream()
        .findFirst();
  }

  @Override
  public void putLimits(Limits limits) {
    update(
        "INSERT INTO agent_limits (name, rate_per_minute, max_concurrency, updated_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            + " rate_per_minute = excluded.rate_per_minute,"
            + " max_concurrency = excluded.max_concurrency, updated_at = excluded.updated_at",
        "storing the limits of agent " + limits.name(),
        s -> {
          s.setString(1, limits.name());
          setInteger(s, 2, limits.ratePerMinute());
          setInteger(s, 3, limits.maxConcurrency());
          Timestamps.set(s, 4, limits.updatedAt());
        });
  }

  @Override
  public void drain(Drain drain) {
    update(
        "INSERT INTO agent_drains (name, version, drained_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (name, version) DO NOTHING",
        "draining agent " + drain.name(),
        s -> {
          s.setString(1, drain.name());
          s.setString(2, drain.version() == null ? EVERY_VERSION : drain.version());
          Timestamps.set(s, 3, drain.drainedAt());
        });
  }

  @Override
  public boolean undrain(String name, String version) {
    return update(
            "DELETE FROM agent_drains WHERE name = ? AND version = ?",
            "undraining agent " + name,
            s -> {
              s.setString(1, name);
              s.setString(2, version == null ? EVERY_VERSION : version);
            })
        > 0;
  }

  @Override
  public List<Drain> drains() {
    return Query.list(
        pools.reader(),
        "SELECT name, version, drained_at FROM agent_drains ORDER BY name, version",
        "reading agent drains",
        s -> {},
        row -> {
          String version = row.getString("version");
          return new Drain(
              row.getString("name"),
              version.equals(EVERY_VERSION) ? null : version,
              Timestamps.get(row, "drained_at"));
        });
  }

  @Override
  public List<NodeRun> recentCalls(String name, int limit) {
    return Query.list(
        pools.reader(),
        "SELECT execution_id, node_path, attempt, status, agent, error, usage, idempotency_key,"
            + " scheduled_at, started_at, finished_at FROM node_runs"
            + " WHERE agent_name = ? AND started_at IS NOT NULL"
            + " ORDER BY started_at DESC, execution_id DESC, node_path DESC, attempt DESC LIMIT ?",
        "reading the calls of agent " + name,
        s -> {
          s.setString(1, name);
          s.setInt(2, limit);
        },
        this::call);
  }

  @Override
  public Map<String, Integer> callsSince(Instant since) {
    Map<String, Integer> calls = new TreeMap<>();
    Query.list(
            pools.reader(),
            "SELECT agent_name, COUNT(*) AS calls FROM node_runs"
                + " WHERE started_at >= ? AND agent_name IS NOT NULL GROUP BY agent_name",
            "counting recent agent calls",
            s -> Timestamps.set(s, 1, since),
            row -> Map.entry(row.getString("agent_name"), row.getInt("calls")))
        .forEach(e -> calls.put(e.getKey(), e.getValue()));
    return calls;
  }

  private NodeRun call(ResultSet row) throws SQLException {
    return new NodeRun(
        row.getString("execution_id"),
        row.getString("node_path"),
        row.getInt("attempt"),
        NodeStatus.valueOf(row.getString("status")),
        row.getString("agent"),
        null,
        null,
        json.error(row.getString("error")),
        json.usage(row.getString("usage")),
        row.getString("idempotency_key"),
        Timestamps.get(row, "scheduled_at"),
        Timestamps.get(row, "started_at"),
        Timestamps.get(row, "finished_at"));
  }

  private int update(String sql, String operation, Query.Binder binder) {
    try (Connection connection = pools.writer().getConnection();
        AuditedTransaction transaction = audit.begin(connection);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      int changed = statement.executeUpdate();
      transaction.commit(changed);
      return changed;
    } catch (SQLException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  private static Integer integer(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static void setInteger(PreparedStatement s, int index, Integer value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setInt(index, value);
    }
  }
}
