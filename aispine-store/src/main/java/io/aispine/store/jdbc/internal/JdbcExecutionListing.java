package io.aispine.store.jdbc.internal;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.store.ExecutionQuery;
import io.aispine.store.ExecutionStore;
import io.aispine.store.StoredEvent;
import io.aispine.store.Task;
import io.aispine.store.Transition;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The execution store with the queries the server needs: filtered, paged listings and the global
 * event stream by position. Writes and the engine's reads go to {@link JdbcExecutionStore}
 * unchanged.
 */
public final class JdbcExecutionListing implements ExecutionStore {

  private final JdbcExecutionStore delegate;
  private final ConnectionPools pools;
  private final JsonCodec json;

  /** Adds the listing queries to {@code delegate}, reading through {@code pools}. */
  public JdbcExecutionListing(JdbcExecutionStore delegate, ConnectionPools pools, JsonCodec json) {
    this.delegate = delegate;
    this.pools = pools;
    this.json = json;
  }

  @Override
  public List<ExecutionState> list(ExecutionQuery query) {
    StringBuilder sql = new StringBuilder("SELECT id, state FROM executions WHERE 1 = 1");
    List<Binding> bindings = new ArrayList<>();
    if (query.flowId() != null) {
      sql.append(" AND flow_id = ?");
      bindings.add((s, i) -> s.setString(i, query.flowId()));
    }
    if (!query.statuses().isEmpty()) {
      sql.append(" AND status IN (");
      String separator = "";
      // sorted so that the same filter always gives the same SQL text
      for (ExecutionStatus status : query.statuses().stream().sorted().toList()) {
        sql.append(separator).append('?');
        separator = ", ";
        bindings.add((s, i) -> s.setString(i, status.name()));
      }
      sql.append(')');
    }
    if (query.workspace() != null) {
      sql.append(" AND workspace_id = ?");
      bindings.add((s, i) -> s.setString(i, query.workspace()));
    }
    if (query.replayOf() != null) {
      sql.append(" AND replay_of = ?");
      bindings.add((s, i) -> s.setString(i, query.replayOf()));
    }
    if (query.since() != null) {
      sql.append(" AND created_at >= ?");
      bindings.add((s, i) -> Timestamps.set(s, i, query.since()));
    }
    if (query.until() != null) {
      sql.append(" AND created_at < ?");
      bindings.add((s, i) -> Timestamps.set(s, i, query.until()));
    }
    ExecutionQuery.Position after = query.after();
    if (after != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      bindings.add((s, i) -> Timestamps.set(s, i, after.createdAt()));
      bindings.add((s, i) -> Timestamps.set(s, i, after.createdAt()));
      bindings.add((s, i) -> s.setString(i, after.id()));
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    bindings.add((s, i) -> s.setInt(i, query.limit()));
    return delegate
        .states()
        .read(
            sql.toString(),
            s -> {
              for (int i = 0; i < bindings.size(); i++) {
                bindings.get(i).bind(s, i + 1);
              }
            },
            "listing executions");
  }

  @Override
  public List<StoredEvent> eventsAfterPosition(long afterPosition, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return Query.list(
        pools.reader(),
        "SELECT pos, execution_id, seq, type, node_path, attempt, at, data FROM events"
            + " WHERE pos > ? ORDER BY pos LIMIT ?",
        "reading events after position " + afterPosition,
        s -> {
          s.setLong(1, afterPosition);
          s.setInt(2, limit);
        },
        row ->
            new StoredEvent(
                row.getLong("pos"),
                new ExecutionEvent(
                    row.getString("execution_id"),
                    row.getLong("seq"),
                    EventType.fromWire(row.getString("type")),
                    row.getString("node_path"),
                    row.getInt("attempt"),
                    Timestamps.get(row, "at"),
                    json.object(row.getString("data")))));
  }

  @Override
  public long lastEventPosition() {
    return Query.list(
            pools.reader(),
            "SELECT COALESCE(MAX(pos), 0) FROM events",
            "reading the last event position",
            s -> {},
            row -> row.getLong(1))
        .getFirst();
  }

  @Override
  public void apply(List<Transition> batch) {
    delegate.apply(batch);
  }

  @Override
  public Optional<ExecutionState> find(String executionId) {
    return delegate.find(executionId);
  }

  @Override
  public List<ExecutionState> findActive() {
    return delegate.findActive();
  }

  @Override
  public List<ExecutionState> list(String flowIdOrNull, int limit) {
    return delegate.list(flowIdOrNull, limit);
  }

  @Override
  public List<ExecutionEvent> events(String executionId, long afterSeq, int limit) {
    return delegate.events(executionId, afterSeq, limit);
  }

  @Override
  public List<NodeRun> runs(String executionId) {
    return delegate.runs(executionId);
  }

  @Override
  public List<Task> tasks() {
    return delegate.tasks();
  }

  @FunctionalInterface
  private interface Binding {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }
}
