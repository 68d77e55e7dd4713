package io.aispine.store.jdbc.internal;

import io.aispine.flow.FlowVersion;
import io.aispine.store.FlowConflictException;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStatus;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flow versions in the {@code flows} table; a stored version never changes, only its place in the
 * gate (draft, approved, rejected) does.
 */
public final class JdbcFlowStore implements FlowStore {

  private static final String COLUMNS = "id, version, source, created_at";
  private static final String REVIEW_COLUMNS = "status, author, decided_by, decided_at, reason";

  private final ConnectionPools pools;
  private final InstantSource clock;
  private final JdbcAuditLog audit;

  /**
   * A store over the given pools; {@code clock} stamps flows saved without a creation time, {@code
   * audit} appends a pending audit entry in a save's transaction.
   */
  public JdbcFlowStore(ConnectionPools pools, InstantSource clock, JdbcAuditLog audit) {
    this.pools = pools;
    this.clock = clock;
    this.audit = audit;
  }

  @Override
  public void deploy(StoredFlow flow, String author, String workspace) {
    FlowVersion.parse(flow.version()); // versions() orders by semver, so refuse anything else
    Instant createdAt = flow.createdAt() != null ? flow.createdAt() : clock.instant();
    // The primary key decides, not a prior check: two concurrent saves cannot both insert.
    int inserted;
    try (Connection connection = pools.writer().getConnection();
        AuditedTransaction transaction = audit.begin(connection);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO flows ("
                    + COLUMNS
                    + ", status, author, workspace_id) VALUES (?, ?, ?, ?, 'draft', ?, ?)"
                    + " ON CONFLICT (id, version) DO NOTHING")) {
      insert.setString(1, flow.id());
      insert.setString(2, flow.version());
      insert.setString(3, flow.source());
      Timestamps.set(insert, 4, createdAt);
      insert.setString(5, author);
      insert.setString(6, workspace);
      inserted = insert.executeUpdate();
      transaction.commit(inserted);
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

  @Override
  public Optional<FlowReview> review(String id, String version) {
    return Query.list(
            pools.reader(),
            "SELECT " + REVIEW_COLUMNS + " FROM flows WHERE id = ? AND version = ?",
            "reading the status of flow " + id + " version " + version,
            s -> {
              s.setString(1, id);
              s.setString(2, version);
            },
            JdbcFlowStore::review)
        .stream()
        .findFirst();
  }

  @Override
  public Map<String, FlowReview> reviews(String id) {
    Map<String, FlowReview> reviews = new LinkedHashMap<>();
    Query.list(
            pools.reader(),
            "SELECT version, " + REVIEW_COLUMNS + " FROM flows WHERE id = ?",
            "reading the statuses of flow " + id,
            s -> s.setString(1, id),
            row -> Map.entry(row.getString("version"), review(row)))
        .forEach(e -> reviews.put(e.getKey(), e.getValue()));
    return reviews;
  }

  @Override
  public boolean approve(String id, String version, String approver, Instant at) {
    // The status in the WHERE makes the check and the change one write: of two racing decisions
    // only one finds the draft.
    return Query.update(
            pools.writer(),
            "UPDATE flows SET status = 'approved', decided_by = ?, decided_at = ?, reason = NULL"
                + " WHERE id = ? AND version = ? AND status = 'draft'",
            "approving flow " + id + " version " + version,
            s -> {
              s.setString(1, approver);
              Timestamps.set(s, 2, at);
              s.setString(3, id);
              s.setString(4, version);
            })
        == 1;
  }

  @Override
  public boolean reject(String id, String version, String by, Instant at, String reason) {
    return Query.update(
            pools.writer(),
            "UPDATE flows SET status = 'rejected', decided_by = ?, decided_at = ?, reason = ?"
                + " WHERE id = ? AND version = ? AND status IN ('draft', 'approved')",
            "rejecting flow " + id + " version " + version,
            s -> {
              s.setString(1, by);
              Timestamps.set(s, 2, at);
              s.setString(3, reason);
              s.setString(4, id);
              s.setString(5, version);
            })
        == 1;
  }

  private static FlowReview review(java.sql.ResultSet row) throws SQLException {
    return new FlowReview(
        FlowStatus.fromWire(row.getString("status")),
        row.getString("author"),
        row.getString("decided_by"),
        Timestamps.get(row, "decided_at"),
        row.getString("reason"));
  }

  private static StoredFlow flow(java.sql.ResultSet row) throws SQLException {
    return new StoredFlow(
        row.getString("id"),
        row.getString("version"),
        row.getString("source"),
        Timestamps.get(row, "created_at"));
  }
}
