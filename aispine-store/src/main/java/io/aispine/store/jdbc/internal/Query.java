package io.aispine.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs a read query on a pooled connection and maps its rows, translating SQL errors. */
final class Query {

  private Query() {}

  /** The mapped rows of {@code sql}; {@code operation} names it in errors. */
  static <T> List<T> list(
      DataSource source, String sql, String operation, Binder binder, RowMapper<T> mapper) {
    try (Connection connection = source.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      List<T> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.add(mapper.map(row));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  /** Runs one write statement on a pooled connection; returns how many rows it changed. */
  static int update(DataSource source, String sql, String operation, Binder binder) {
    try (Connection connection = source.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  /** Binds a query's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }
}
