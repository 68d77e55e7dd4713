package io.aispine.store.jdbc.internal;

import io.aispine.flow.FlowVersion;
import io.aispine.store.FlowConflictException;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import io.aispine.store.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Flow versions in the {@code flows} table; a stored version never changes. */
public final class JdbcFlowStore implements FlowStore {

  private static final String COLUMNS = "id, version, source, created_at";

  private final ConnectionPools pools;
  private final InstantSource clock;

  /** A store over the given pools; {@code clock} stamps flows saved without a creation time. */
  public JdbcFlowStore(ConnectionPools pools, InstantSource clock) {
    this.pools = pools;
    this.clock = clock;
  }

  @Override
  public void save(StoredFlow flow) {
    save(flow, Workspace.DEFAULT);
  }

  @Override
  public void save(StoredFlow flow, String workspace) {
    FlowVersion.parse(flow.version()); // versions() orders by semver, so refuse anything else
    Instant createdAt = flow.createdAt() != null ? flow.createdAt() : clock.instant();
    // The primary key decides, not a prior check: two concurrent saves cannot both insert.
    int inserted;
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO flows ("
                    + COLUMNS
                    + ", workspace_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING")) {
      insert.setString(1, flow.id());
      insert.setString(2, flow.version());
      insert.setString(3, flow.source());
      Timestamps.set(insert, 4, createdAt);
      insert.setString(5, workspace);
      inserted = insert.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate("saving flow " + flow.id() + " version " + flow.version(), e);
    }
    if (inserted == 0) {
      StoredFlow stored = find(flow.id(), flow.version()).orElseThrow();
      if (!stored.source().equals(flow.source())) {
        throw new FlowConflictException(flow.id(), flow.version());
      }
    }
  }

  @Override
  public Optional<StoredFlow> find(String id, String version) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM flows WHERE id = ? AND version = ?",
            "reading flow " + id + " version " + version,
            s -> {
              s.setString(1, id);
              s.setString(2, version);
            },
            JdbcFlowStore::flow)
        .stream()
        .findFirst();
  }

  @Override
  public List<StoredFlow> versions(String id) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM flows WHERE id = ?",
            "reading the versions of flow " + id,
            s -> s.setString(1, id),
            JdbcFlowStore::flow)
        .stream()
        // by semantic version: 1.10.0 comes after 1.9.0, which text order gets wrong
        .sorted(Comparator.comparing((StoredFlow f) -> FlowVersion.parse(f.version())))
        .toList();
  }

  @Override
  public List<StoredFlow> latest() {
    // Versions first, sources only for the winners: old versions' sources can add up.
    Map<String, FlowVersion> latest = new TreeMap<>();
    Query.list(
            pools.reader(),
            "SELECT id, version FROM flows",
            "reading flow versions",
            s -> {},
            row -> Map.entry(row.getString(1), FlowVersion.parse(row.getString(2))))
        .forEach(
            e -> latest.merge(e.getKey(), e.getValue(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
    return latest.entrySet().stream()
        .map(e -> find(e.getKey(), e.getValue().text()).orElseThrow())
        .toList();
  }

  private static StoredFlow flow(java.sql.ResultSet row) throws SQLException {
    return new StoredFlow(
        row.getString("id"),
        row.getString("version"),
        row.getString("source"),
        Timestamps.get(row, "created_at"));
  }
}
