package io.aispine.store.jdbc.internal;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeStatus;
import io.aispine.store.ExecutionStore;
import io.aispine.store.StoreUnavailableException;
import io.aispine.store.Task;
import io.aispine.store.Transition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Executions, histories, attempt records and tasks in the tables of the v1 schema. */
public final class JdbcExecutionStore implements ExecutionStore {

  private static final String RUN_COLUMNS =
      "execution_id, node_path, attempt, status, agent, input, output, error, usage,"
          + " idempotency_key, scheduled_at, started_at, finished_at";

  private final ConnectionPools pools;
  private final JsonCodec json;
  private final TransitionWriter writer;
  private final StateReader states;
  private final JdbcAuditLog audit;

  /**
   * A store over the given pools; {@code clock} stamps {@code updated_at}, {@code audit} appends
   * the audit entries that transitions carry in their batch's transaction.
   */
  public JdbcExecutionStore(
      ConnectionPools pools,
      Dialect dialect,
      JsonCodec json,
      InstantSource clock,
      JdbcAuditLog audit) {
    this.pools = pools;
    this.audit = audit;
    this.json = json;
    this.writer = new TransitionWriter(dialect, json, clock);
    this.states = new StateReader(pools.reader(), dialect, json);
  }

  /** The reader of whole execution states, node rows included, for the listing queries too. */
  StateReader states() {
    return states;
  }

  @Override
  public void apply(List<Transition> batch) {
    if (batch.isEmpty()) {
      return;
    }
    String what = "applying " + batch.size() + " transition(s)";
    boolean committed = false;
    try (Connection connection = pools.writer().getConnection()) {
      connection.setAutoCommit(false);
      AuditedBatch audited;
      try {
        audited = audit.before(connection, batch);
        writer.write(connection, batch);
        audited.append();
      } catch (SQLException | RuntimeException | Error e) {
        // an Error too (a value too large to serialise runs out of memory): roll back, then tell
        rollback(connection, e);
        throw e;
      }
      try {
        connection.commit();
        committed = true;
        audited.committed();
      } catch (SQLException e) {
        // the server may have committed before the connection failed; every write is idempotent
        throw new StoreUnavailableException(
            what + " failed at commit (outcome unknown; applying again is safe): " + e.getMessage(),
            e);
      }
      // the pool restores auto-commit when the connection returns
    } catch (SQLException e) {
      if (!committed) {
        throw SqlErrors.translate(what + " (none of them was applied)", e);
      }
      // returning the connection to the pool failed after a commit: the batch is durable
    }
  }

  @Override
  public Optional<ExecutionState> find(String executionId) {
    List<ExecutionState> found =
        states.read(
            "SELECT id, state FROM executions WHERE id = ?",
            s -> s.setString(1, executionId),
            "reading execution " + executionId);
    return found.stream().findFirst();
  }

  @Override
  public List<ExecutionState> findActive() {
    return states.read(
        "SELECT id, state FROM executions WHERE status = 'RUNNING' ORDER BY created_at, id",
        s -> {},
        "reading active executions");
  }

  @Override
  public List<ExecutionState> list(String flowIdOrNull, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String where = flowIdOrNull == null ? "" : " WHERE flow_id = ?";
    return states.read(
        "SELECT id, state FROM executions" + where + " ORDER BY created_at DESC, id DESC LIMIT ?",
        s -> {
          int i = 1;
          if (flowIdOrNull != null) {
            s.setString(i++, flowIdOrNull);
          }
          s.setInt(i, limit);
        },
        "listing executions");
  }

  @Override
  public List<ExecutionEvent> events(String executionId, long afterSeq, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return Query.list(
        pools.reader(),
        "SELECT execution_id, seq, type, node_path, attempt, at, data FROM events"
            + " WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        "reading the history of execution " + executionId,
        s -> {
          s.setString(1, executionId);
          s.setLong(2, afterSeq);
          s.setInt(3, limit);
        },
        row ->
            new ExecutionEvent(
                row.getString("execution_id"),
                row.getLong("seq"),
                EventType.fromWire(row.getString("type")),
                row.getString("node_path"),
                row.getInt("attempt"),
                Timestamps.get(row, "at"),
                json.object(row.getString("data"))));
  }

  @Override
  public List<NodeRun> runs(String executionId) {
    List<NodeRun> runs =
        new ArrayList<>(
            Query.list(
                pools.reader(),
                "SELECT " + RUN_COLUMNS + " FROM node_runs WHERE execution_id = ?",
                "reading the attempts of execution " + executionId,
                s -> s.setString(1, executionId),
                this::nodeRun));
    // sorted here, not in SQL, so that paths order by code point in every dialect and collation
    runs.sort(Comparator.comparing(NodeRun::path).thenComparingInt(NodeRun::attempt));
    return runs;
  }

  @Override
  public List<Task> tasks() {
    return Query.list(
        pools.reader(),
        "SELECT execution_id, node_path, run_at, payload FROM tasks"
            + " ORDER BY run_at, execution_id, node_path",
        "reading tasks",
        s -> {},
        row ->
            new Task(
                row.getString("execution_id"),
                row.getString("node_path"),
                Timestamps.get(row, "run_at"),
                json.runTask(row.getString("payload"))));
  }

  private NodeRun nodeRun(ResultSet row) throws SQLException {
    return new NodeRun(
        row.getString("execution_id"),
        row.getString("node_path"),
        row.getInt("attempt"),
        NodeStatus.valueOf(row.getString("status")),
        row.getString("agent"),
        json.value(row.getString("input")),
        json.value(row.getString("output")),
        json.error(row.getString("error")),
        json.usage(row.getString("usage")),
        row.getString("idempotency_key"),
        Timestamps.get(row, "scheduled_at"),
        Timestamps.get(row, "started_at"),
        Timestamps.get(row, "finished_at"));
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
