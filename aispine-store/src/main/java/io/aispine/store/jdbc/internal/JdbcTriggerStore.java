package io.aispine.store.jdbc.internal;

import io.aispine.store.TriggerStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Triggers in the {@code flow_triggers} table; leases are taken by one conditional update. */
public final class JdbcTriggerStore implements TriggerStore {

  private static final String COLUMNS =
      "workspace_id, flow_id, trigger_id, kind, flow_version, spec, next_fire_at, paused,"
          + " last_execution_id";

  private final ConnectionPools pools;

  public JdbcTriggerStore(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public void declare(Row row) {
    Query.update(
        pools.writer(),
        "INSERT INTO flow_triggers ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL)"
            + " ON CONFLICT (flow_id, trigger_id) DO UPDATE SET"
            + " workspace_id = excluded.workspace_id, kind = excluded.kind,"
            + " flow_version = excluded.flow_version,"
            + " next_fire_at = CASE WHEN flow_triggers.spec = excluded.spec"
            + " THEN flow_triggers.next_fire_at ELSE excluded.next_fire_at END,"
            + " spec = excluded.spec",
        "declaring trigger " + row.name(),
        s -> {
          s.setString(1, row.workspace());
          s.setString(2, row.flowId());
          s.setString(3, row.triggerId());
          s.setString(4, row.kind());
          s.setString(5, row.flowVersion());
          s.setString(6, row.spec());
          Timestamps.set(s, 7, row.nextFireAt());
        });
  }

  @Override
  public void retainOnly(String flowId, Set<String> keep) {
    for (Row row : rows("WHERE flow_id = ?", flowId)) {
      if (!keep.contains(row.triggerId())) {
        Query.update(
            pools.writer(),
            "DELETE FROM flow_triggers WHERE flow_id = ? AND trigger_id = ?",
            "removing trigger " + row.name(),
            s -> {
              s.setString(1, flowId);
              s.setString(2, row.triggerId());
            });
      }
    }
  }

  @Override
  public List<Row> list(String workspace) {
    return workspace == null ? rows("", null) : rows("WHERE workspace_id = ?", workspace);
  }

  @Override
  public Optional<Row> find(String flowId, String triggerId) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM flow_triggers WHERE flow_id = ? AND trigger_id = ?",
            "reading trigger " + flowId + "." + triggerId,
            s -> {
              s.setString(1, flowId);
              s.setString(2, triggerId);
            },
            JdbcTriggerStore::row)
        .stream()
        .findFirst();
  }

  @Override
  public boolean setPaused(String flowId, String triggerId, boolean paused, Instant nextFireAt) {
    return Query.update(
            pools.writer(),
            "UPDATE flow_triggers SET paused = ?,"
                + " next_fire_at = CASE WHEN kind = 'schedule' AND ? = 0 THEN ? ELSE next_fire_at END"
                + " WHERE flow_id = ? AND trigger_id = ?",
            (paused ? "pausing" : "resuming") + " trigger " + flowId + "." + triggerId,
            s -> {
              s.setInt(1, paused ? 1 : 0);
              s.setInt(2, paused ? 1 : 0);
              Timestamps.set(s, 3, nextFireAt);
              s.setString(4, flowId);
              s.setString(5, triggerId);
            })
        == 1;
  }

  @Override
  public boolean lease(String flowId, String triggerId, String owner, Instant now, Instant until) {
    return Query.update(
            pools.writer(),
            "UPDATE flow_triggers SET lease_owner = ?, lease_until = ?"
                + " WHERE flow_id = ? AND trigger_id = ?"
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)",
            "leasing trigger " + flowId + "." + triggerId,
            s -> {
              s.setString(1, owner);
              Timestamps.set(s, 2, until);
              s.setString(3, flowId);
              s.setString(4, triggerId);
              s.setString(5, owner);
              Timestamps.set(s, 6, now);
            })
        == 1;
  }

  @Override
  public boolean advance(
      String flowId, String triggerId, String owner, Instant nextFireAt, String lastExecution) {
    return Query.update(
            pools.writer(),
            "UPDATE flow_triggers SET next_fire_at = ?,"
                + " last_execution_id = COALESCE(?, last_execution_id),"
                + " lease_owner = NULL, lease_until = NULL"
                + " WHERE flow_id = ? AND trigger_id = ? AND lease_owner = ?",
            "advancing trigger " + flowId + "." + triggerId,
            s -> {
              Timestamps.set(s, 1, nextFireAt);
              s.setString(2, lastExecution);
              s.setString(3, flowId);
              s.setString(4, triggerId);
              s.setString(5, owner);
            })
        == 1;
  }

  private List<Row> rows(String where, String parameter) {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM flow_triggers " + where + " ORDER BY flow_id, trigger_id",
        "listing triggers",
        s -> {
          if (parameter != null) {
            s.setString(1, parameter);
          }
        },
        JdbcTriggerStore::row);
  }

  private static Row row(ResultSet row) throws SQLException {
    return new Row(
        row.getString("workspace_id"),
        row.getString("flow_id"),
        row.getString("trigger_id"),
        row.getString("kind"),
        row.getString("flow_version"),
        row.getString("spec"),
        Timestamps.get(row, "next_fire_at"),
        row.getInt("paused") != 0,
        row.getString("last_execution_id"));
  }
}
