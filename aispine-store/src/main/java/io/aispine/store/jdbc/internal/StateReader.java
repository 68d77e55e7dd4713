package io.aispine.store.jdbc.internal;

import io.aispine.execution.ExecutionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads execution states: the executions rows a query selects ({@code id, state}) and their node
 * rows, in one read transaction so that both come from the same commit.
 */
final class StateReader {

  /** How many executions' nodes one query fetches. */
  private static final int CHUNK = 200;

  private final DataSource source;
  private final Dialect dialect;
  private final JsonCodec json;

  StateReader(DataSource source, Dialect dialect, JsonCodec json) {
    this.source = source;
    this.dialect = dialect;
    this.json = json;
  }

  /** The states of the rows {@code sql} selects, in its order; it must select id and state. */
  List<ExecutionState> read(String sql, Query.Binder binder, String operation) {
    try (Connection connection = source.getConnection()) {
      connection.setAutoCommit(false);
      if (dialect == Dialect.POSTGRESQL) {
        // one snapshot for both queries (SQLite's read transaction is one already)
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      try {
        Map<String, String> rows = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          binder.bind(statement);
          try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
              rows.put(row.getString(1), row.getString(2));
            }
          }
        }
        Map<String, List<Map.Entry<String, String>>> nodes = nodes(connection, rows.keySet());
        List<ExecutionState> states = new ArrayList<>(rows.size());
        rows.forEach(
            (id, state) -> states.add(json.state(state, nodes.getOrDefault(id, List.of()))));
        return states;
      } finally {
        connection.rollback(); // read only: nothing to keep
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  private static Map<String, List<Map.Entry<String, String>>> nodes(
      Connection connection, java.util.Collection<String> ids) throws SQLException {
    Map<String, List<Map.Entry<String, String>>> byExecution = new HashMap<>();
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT execution_id, path, state FROM execution_nodes WHERE execution_id IN ("
                  + marks
                  + ") ORDER BY pos")) {
        for (int i = 0; i < chunk.size(); i++) {
          statement.setString(i + 1, chunk.get(i));
        }
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            byExecution
                .computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                .add(new AbstractMap.SimpleImmutableEntry<>(row.getString(2), row.getString(3)));
          }
        }
      }
    }
    return byExecution;
  }
}
