package io.aispine.store.jdbc.internal;

import io.aispine.execution.ApprovalStatus;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.ApprovalStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Approvals in the {@code approvals} table; the engine's transitions write them. */
public final class JdbcApprovalStore implements ApprovalStore {

  private static final String COLUMNS =
      "id, execution_id, node_path, flow_id, message, approvers, status, comment, answered_by,"
          + " answered_by_key, created_at, expires_at, answered_at";

  private final ConnectionPools pools;
  private final JsonCodec json;

  /** A store reading through {@code pools}. */
  public JdbcApprovalStore(ConnectionPools pools, JsonCodec json) {
    this.pools = pools;
    this.json = json;
  }

  @Override
  public Optional<Approval> find(String id) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM approvals WHERE id = ?",
            "reading approval " + id,
            s -> s.setString(1, id),
            this::approval)
        .stream()
        .findFirst();
  }

  @Override
  public List<Approval> list(ApprovalQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM approvals WHERE 1 = 1");
    List<Binding> bindings = new ArrayList<>();
    if (!query.statuses().isEmpty()) {
      sql.append(" AND status IN (");
      String separator = "";
      for (ApprovalStatus status : query.statuses().stream().sorted().toList()) {
        sql.append(separator).append('?');
        separator = ", ";
        bindings.add((s, i) -> s.setString(i, status.wireName()));
      }
      sql.append(')');
    }
    if (query.workspace() != null) {
      sql.append(" AND workspace_id = ?");
      bindings.add((s, i) -> s.setString(i, query.workspace()));
    }
    if (query.executionId() != null) {
      sql.append(" AND execution_id = ?");
      bindings.add((s, i) -> s.setString(i, query.executionId()));
    }
    ApprovalQuery.Position after = query.after();
    if (after != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      bindings.add((s, i) -> Timestamps.set(s, i, after.createdAt()));
      bindings.add((s, i) -> Timestamps.set(s, i, after.createdAt()));
      bindings.add((s, i) -> s.setString(i, after.id()));
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    bindings.add((s, i) -> s.setInt(i, query.limit()));
    return Query.list(
        pools.reader(),
        sql.toString(),
        "listing approvals",
        s -> {
          for (int i = 0; i < bindings.size(); i++) {
            bindings.get(i).bind(s, i + 1);
          }
        },
        this::approval);
  }

  private Approval approval(ResultSet row) throws SQLException {
    List<String> approvers = new ArrayList<>();
    if (json.value(row.getString("approvers")) instanceof List<?> roles) {
      roles.forEach(r -> approvers.add(String.valueOf(r)));
    }
    return new Approval(
        row.getString("id"),
        row.getString("execution_id"),
        row.getString("node_path"),
        row.getString("flow_id"),
        row.getString("message"),
        approvers,
        ApprovalStatus.fromWire(row.getString("status")),
        row.getString("comment"),
        row.getString("answered_by"),
        row.getString("answered_by_key"),
        Timestamps.get(row, "created_at"),
        Timestamps.get(row, "expires_at"),
        Timestamps.get(row, "answered_at"));
  }

  @FunctionalInterface
  private interface Binding {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }
}
