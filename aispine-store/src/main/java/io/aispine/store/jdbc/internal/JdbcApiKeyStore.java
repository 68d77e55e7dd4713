package io.aispine.store.jdbc.internal;

import io.aispine.store.ApiKey;
import io.aispine.store.ApiKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** API keys in the {@code api_keys} table, by the SHA-256 of the key. */
public final class JdbcApiKeyStore implements ApiKeyStore {

  private static final String COLUMNS = "id, name, role, sha256, created_at, last_used_at";

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
                "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key.id());
      insert.setString(2, key.name());
      insert.setString(3, key.role());
      insert.setString(4, key.sha256());
      Timestamps.set(insert, 5, key.createdAt());
      Timestamps.set(insert, 6, key.lastUsedAt());
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
            row ->
                new ApiKey(
                    row.getString("id"),
                    row.getString("name"),
                    row.getString("role"),
                    row.getString("sha256"),
                    Timestamps.get(row, "created_at"),
                    Timestamps.get(row, "last_used_at")))
        .stream()
        .findFirst();
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
