package io.aispine.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.store.AuditChain;
import io.aispine.store.AuditTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of an audit target as stored: its row (or rows) as canonical JSON, each column's
 * value as the text the database returns, keys sorted. An agent version's secret is left out.
 */
final class AuditTargets {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditTargets() {}

  /** The target's hash read on {@code connection} (inside its transaction), or null if absent. */
  static String hash(Connection connection, AuditTarget target) throws SQLException {
    if (target == null) {
      return null;
    }
    Object stored =
        switch (target.type()) {
          case "flow" -> {
            String[] ref = ref(target.id());
            yield single(
                rows(
                    connection,
                    "SELECT id, version, source, created_at FROM flows WHERE id = ? AND version = ?",
                    ref[0],
                    ref[1]));
          }
          case "execution" ->
              single(
                  rows(
                      connection,
                      "SELECT id, flow_id, flow_version, status, last_seq, state, replay_of"
                          + " FROM executions WHERE id = ?",
                      target.id()));
          case "approval" ->
              single(
                  rows(
                      connection,
                      "SELECT id, execution_id, node_path, status, comment, answered_by,"
                          + " answered_by_key, answered_at FROM approvals WHERE id = ?",
                      target.id()));
          case "agent_version" -> {
            String[] ref = ref(target.id());
            yield single(
                rows(
                    connection,
                    "SELECT name, version, url, description, manifest, created_at, deprecated_at,"
                        + " deprecation_reason FROM agents WHERE name = ? AND version = ?",
                    ref[0],
                    ref[1]));
          }
          case "agent" -> agentControls(connection, target.id());
          default -> null;
        };
    if (stored == null) {
      return null;
    }
    try {
      return AuditChain.sha256(MAPPER.writeValueAsString(stored));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rows of text always serialise", e);
    }
  }

  /** An agent's operator controls: its limits override and its drains. */
  private static Object agentControls(Connection connection, String name) throws SQLException {
    var limits =
        single(
            rows(
                connection,
                "SELECT name, rate_per_minute, max_concurrency FROM agent_limits WHERE name = ?",
                name));
    var drains =
        rows(
            connection,
            "SELECT name, version FROM agent_drains WHERE name = ? ORDER BY version",
            name);
    if (limits == null && drains.isEmpty()) {
      return null;
    }
    Map<String, Object> controls = new TreeMap<>();
    controls.put("limits", limits);
    controls.put("drains", drains);
    return controls;
  }

  private static String[] ref(String id) {
    int at = id.lastIndexOf('@');
    return at < 0
        ? new String[] {id, ""}
        : new String[] {id.substring(0, at), id.substring(at + 1)};
  }

  private static Map<String, String> single(List<Map<String, String>> rows) {
    return rows.isEmpty() ? null : rows.getFirst();
  }

  private static List<Map<String, String>> rows(Connection connection, String sql, String... args)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setString(i + 1, args[i]);
      }
      List<Map<String, String>> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        ResultSetMetaData meta = row.getMetaData();
        while (row.next()) {
          Map<String, String> columns = new TreeMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), row.getString(c));
          }
          rows.add(columns);
        }
      }
      return rows;
    }
  }
}
