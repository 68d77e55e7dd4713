package io.aispine.store.jdbc.internal;

import io.aispine.store.SecretStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Secrets in the {@code secrets} table: ciphertext only, keyed by (workspace, name). */
public final class JdbcSecretStore implements SecretStore {

  private static final String COLUMNS =
      "workspace, name, ciphertext, key_id, created_at, updated_at";

  private final ConnectionPools pools;

  /** Secrets over the given pools. */
  public JdbcSecretStore(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public Optional<Row> find(String workspace, String name) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM secrets WHERE workspace = ? AND name = ?",
            "reading secret " + name,
            s -> {
              s.setString(1, workspace);
              s.setString(2, name);
            },
            JdbcSecretStore::row)
        .stream()
        .findFirst();
  }

  @Override
  public List<Row> list(String workspace) {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM secrets WHERE workspace = ? ORDER BY name",
        "listing secrets",
        s -> s.setString(1, workspace),
        JdbcSecretStore::row);
  }

  @Override
  public boolean put(Row row) {
    try (Connection connection = pools.writer().getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE secrets SET ciphertext = ?, key_id = ?, updated_at = ?"
                  + " WHERE workspace = ? AND name = ?")) {
        update.setBytes(1, row.ciphertext());
        update.setLong(2, row.keyId());
        Timestamps.set(update, 3, row.updatedAt());
        update.setString(4, row.workspace());
        update.setString(5, row.name());
        if (update.executeUpdate() > 0) {
          return false;
        }
      }
      // a concurrent first set of the same name wins with its value; ours then replaces it
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO secrets ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace, name) DO UPDATE SET"
                  + " ciphertext = excluded.ciphertext, key_id = excluded.key_id,"
                  + " updated_at = excluded.updated_at")) {
        insert.setString(1, row.workspace());
        insert.setString(2, row.name());
        insert.setBytes(3, row.ciphertext());
        insert.setLong(4, row.keyId());
        Timestamps.set(insert, 5, row.createdAt());
        Timestamps.set(insert, 6, row.updatedAt());
        insert.executeUpdate();
        return true;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("storing secret " + row.name(), e);
    }
  }

  @Override
  public boolean delete(String workspace, String name) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM secrets WHERE workspace = ? AND name = ?")) {
      delete.setString(1, workspace);
      delete.setString(2, name);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw SqlErrors.translate("deleting secret " + name, e);
    }
  }

  @Override
  public int reencryptAll(UnaryOperator<Row> reencrypt) {
    try (Connection connection = pools.writer().getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM secrets");
            ResultSet result = select.executeQuery()) {
          while (result.next()) {
            rows.add(row(result));
          }
        }
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE secrets SET ciphertext = ?, key_id = ?, updated_at = ?"
                    + " WHERE workspace = ? AND name = ?")) {
          for (Row row : rows) {
            Row next = reencrypt.apply(row);
            update.setBytes(1, next.ciphertext());
            update.setLong(2, next.keyId());
            Timestamps.set(update, 3, next.updatedAt());
            update.setString(4, row.workspace());
            update.setString(5, row.name());
            update.addBatch();
          }
          update.executeBatch();
        }
        connection.commit();
        return rows.size();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("re-encrypting secrets", e);
    }
  }

  private static Row row(ResultSet row) throws SQLException {
    return new Row(
        row.getString("workspace"),
        row.getString("name"),
        row.getBytes("ciphertext"),
        row.getLong("key_id"),
        Timestamps.get(row, "created_at"),
        Timestamps.get(row, "updated_at"));
  }
}
