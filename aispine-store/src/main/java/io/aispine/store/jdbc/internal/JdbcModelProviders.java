package io.aispine.store.jdbc.internal;

import io.aispine.store.ModelProviders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Model providers in the {@code model_providers} table. */
public final class JdbcModelProviders implements ModelProviders {

  private static final String COLUMNS =
      "workspace_id, name, kind, base_url, default_model, timeout_ms, is_default, created_at,"
          + " api_key IS NOT NULL AS has_key";

  private final ConnectionPools pools;

  /** Providers over the given pools. */
  public JdbcModelProviders(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public void save(Provider p, String apiKey) {
    Writes.update(
        pools,
        "INSERT INTO model_providers (workspace_id, name, kind, base_url, default_model, api_key,"
            + " timeout_ms, is_default, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (workspace_id, name) DO UPDATE SET kind = excluded.kind,"
            + " base_url = excluded.base_url, default_model = excluded.default_model,"
            + " api_key = COALESCE(excluded.api_key, model_providers.api_key),"
            + " timeout_ms = excluded.timeout_ms",
        "storing model provider " + p.name(),
        s -> {
          s.setString(1, p.workspaceId());
          s.setString(2, p.name());
          s.setString(3, p.kind().name());
          s.setString(4, p.baseUrl());
          s.setString(5, p.defaultModel());
          s.setString(6, apiKey);
          s.setLong(7, p.timeout().toMillis());
          s.setInt(8, p.isDefault() ? 1 : 0);
          Timestamps.set(s, 9, p.createdAt());
        });
  }

  @Override
  public Optional<Provider> find(String workspaceId, String name) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM model_providers WHERE workspace_id = ? AND name = ?",
            "reading model provider " + name,
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, name);
            },
            JdbcModelProviders::provider)
        .stream()
        .findFirst();
  }

  @Override
  public List<Provider> list(String workspaceId) {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM model_providers WHERE workspace_id = ? ORDER BY name",
        "listing model providers",
        s -> s.setString(1, workspaceId),
        JdbcModelProviders::provider);
  }

  @Override
  public Optional<String> apiKey(String workspaceId, String name) {
    return Query.list(
            pools.reader(),
            "SELECT api_key FROM model_providers WHERE workspace_id = ? AND name = ?",
            "reading the key of model provider " + name,
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, name);
            },
            row -> Optional.ofNullable(row.getString(1)))
        .stream()
        .findFirst()
        .flatMap(key -> key);
  }

  @Override
  public List<Provider> all() {
    return Query.list(
        pools.reader(),
        "SELECT " + COLUMNS + " FROM model_providers ORDER BY workspace_id, name",
        "listing the model providers of every workspace",
        s -> {},
        JdbcModelProviders::provider);
  }

  @Override
  public boolean eraseApiKey(String workspaceId, String name) {
    return Writes.update(
            pools,
            "UPDATE model_providers SET api_key = NULL"
                + " WHERE workspace_id = ? AND name = ? AND api_key IS NOT NULL",
            "erasing the key of model provider " + name,
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, name);
            })
        > 0;
  }

  @Override
  public boolean makeDefault(String workspaceId, String name) {
    // one statement, so that no reader sees two defaults or none in between
    return Writes.update(
            pools,
            "UPDATE model_providers SET is_default = CASE WHEN name = ? THEN 1 ELSE 0 END"
                + " WHERE workspace_id = ? AND EXISTS (SELECT 1 FROM model_providers p"
                + " WHERE p.workspace_id = ? AND p.name = ?)",
            "making model provider " + name + " the default",
            s -> {
              s.setString(1, name);
              s.setString(2, workspaceId);
              s.setString(3, workspaceId);
              s.setString(4, name);
            })
        > 0;
  }

  @Override
  public boolean delete(String workspaceId, String name) {
    return Writes.update(
            pools,
            "DELETE FROM model_providers WHERE workspace_id = ? AND name = ?",
            "deleting model provider " + name,
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, name);
            })
        > 0;
  }

  private static Provider provider(ResultSet row) throws SQLException {
    return new Provider(
        row.getString("workspace_id"),
        row.getString("name"),
        Kind.valueOf(row.getString("kind")),
        row.getString("base_url"),
        row.getString("default_model"),
        Duration.ofMillis(row.getLong("timeout_ms")),
        row.getInt("is_default") != 0,
        row.getBoolean("has_key"),
        Timestamps.get(row, "created_at"));
  }

  /** Writes on the writer pool, translating SQL errors. */
  static final class Writes {
    private Writes() {}

    static int update(ConnectionPools pools, String sql, String operation, Query.Binder binder) {
      try (Connection connection = pools.writer().getConnection();
          PreparedStatement statement = connection.prepareStatement(sql)) {
        binder.bind(statement);
        return statement.executeUpdate();
      } catch (SQLException e) {
        throw SqlErrors.translate(operation, e);
      }
    }
  }
}
