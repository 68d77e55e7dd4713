package io.aispine.store.jdbc.internal;

import io.aispine.store.ApiKey;
import io.aispine.store.ApiKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys in the {@code api_keys} table, by the SHA-256 of the key. */
public final class JdbcApiKeyStore implements ApiKeyStore {

  private static final String COLUMNS =
      "id, workspace_id, name, role, sha256, prefix, created_at, expires_at, revoked_at,"
          + " last_used_at";

  private final ConnectionPools pools;

  /** A store over the given pools. */
  public JdbcApiKeyStore(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public void create(ApiKey key) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key.id());
      insert.setString(2, key.workspace());
      insert.setString(3, key.name());
      insert.setString(4, key.role());
      insert.setString(5, key.sha256());
      insert.setString(6, key.prefix());
      Timestamps.set(insert, 7, key.times().createdAt());
      Timestamps.set(insert, 8, key.times().expiresAt());
      Timestamps.set(insert, 9, key.times().revokedAt());
      Timestamps.set(insert, 10, key.times().lastUsedAt());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate("creating API key " + key.id(), e);
    }
  }

  @Override
  public Optional<ApiKey> findByHash(String sha256) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM api_keys WHERE sha256 = ?",
            "reading an API key",
            s -> s.setString(1, sha256),
            JdbcApiKeyStore::key)
        .stream()
        .findFirst();
  }

  @Override
  public List<ApiKey> list(String workspace) {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id",
        "listing the API keys of workspace " + workspace,
        s -> s.setString(1, workspace),
        JdbcApiKeyStore::key);
  }

  @Override
  public boolean revoke(String workspace, String id, Instant at) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?)"
                    + " WHERE workspace_id = ? AND id = ?")) {
      Timestamps.set(update, 1, at);
      update.setString(2, workspace);
      update.setString(3, id);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqlErrors.translate("revoking API key " + id, e);
    }
  }

  private static ApiKey key(ResultSet row) throws SQLException {
    return new ApiKey(
        row.getString("id"),
        row.getString("workspace_id"),
        row.getString("name"),
        row.getString("role"),
        row.getString("sha256"),
        row.getString("prefix"),
        new ApiKey.Times(
            Timestamps.get(row, "created_at"),
            Timestamps.get(row, "expires_at"),
            Timestamps.get(row, "revoked_at"),
            Timestamps.get(row, "last_used_at")));
  }

  @Override
  public long count() {
    return Query.list(
            pools.reader(),
            "SELECT COUNT(*) FROM api_keys",
            "counting API keys",
            s -> {},
            row -> row.getLong(1))
        .getFirst();
  }

  @Override
  public void touch(String id, Instant at) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
      Timestamps.set(update, 1, at);
      update.setString(2, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate("recording the use of API key " + id, e);
    }
  }
}
