package io.aispine.store.jdbc.internal;

import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeState;
import io.aispine.execution.RunChange;
import io.aispine.store.ApprovalWrite;
import io.aispine.store.Task;
import io.aispine.store.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a batch of transitions inside the caller's transaction with one JDBC batch per statement
 * kind. The batch is folded first: each execution's state row is written once (its last state),
 * each attempt record and each task once (their net change).
 *
 * <p>Every statement is idempotent, so a batch replayed after an unclear commit changes nothing:
 * events and attempts are keyed by their natural keys with {@code ON CONFLICT}, and a state only
 * replaces one with a lower or equal {@code lastSeq}. That upsert also serves the transition that
 * creates an execution, so {@link Transition#created()} needs no statement of its own.
 */
final class TransitionWriter {

  private final JsonCodec json;
  private final InstantSource clock;
  private final String upsertExecution;
  private final String insertEvent;
  private final String upsertRun;
  private final String startRun;
  private final String finishRun;
  private final String finishRunLean;
  private final String setStatus;
  private final String putTask;
  private final String upsertNode;
  private final ApprovalWriter approvalWriter;

  private static final String REMOVE_TASK =
      "DELETE FROM tasks WHERE execution_id = ? AND node_path = ?";

  TransitionWriter(Dialect dialect, JsonCodec json, InstantSource clock) {
    this.json = json;
    this.clock = clock;
    this.approvalWriter = new ApprovalWriter(json);
    String j = dialect.json();
    // SQLite rewrites an index entry whenever its column is in the SET list, even to the same
    // value: a commit would write the status index's page each time. There the status is set
    // apart, and only when it changed; PostgreSQL keeps an unchanged index as it is by itself.
    boolean statusApart = dialect == Dialect.SQLITE;
    upsertExecution =
        "INSERT INTO executions (id, flow_id, flow_version, status, last_seq, state, created_at,"
            + " finished_at, updated_at, replay_of) VALUES (?, ?, ?, ?, ?, "
            + j
            + ", ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            + (statusApart ? "" : "status = excluded.status, ")
            + "last_seq = excluded.last_seq, state = excluded.state,"
            + " finished_at = excluded.finished_at, updated_at = excluded.updated_at"
            + " WHERE excluded.last_seq >= executions.last_seq";
    // after the upsert: only the state it wrote (same last_seq) sets its status
    setStatus =
        statusApart
            ? "UPDATE executions SET status = ? WHERE id = ? AND last_seq = ? AND status <> ?"
            : null;
    insertEvent =
        "INSERT INTO events (execution_id, seq, type, node_path, attempt, at, data)"
            + " VALUES (?, ?, ?, ?, ?, ?, "
            + j
            + ") ON CONFLICT (execution_id, seq) DO NOTHING";
    upsertRun =
        "INSERT INTO node_runs (execution_id, node_path, attempt, status, agent, input, output,"
            + " error, usage, idempotency_key, scheduled_at, started_at, finished_at, agent_name)"
            + " VALUES (?, ?, ?, ?, ?, "
            + j
            + ", "
            + j
            + ", "
            + j
            + ", "
            + j
            + ", ?, ?, ?, ?, ?) ON CONFLICT (execution_id, node_path, attempt) DO UPDATE SET"
            + " status = excluded.status, agent = excluded.agent,"
            + " agent_name = excluded.agent_name, input = excluded.input,"
            + " output = excluded.output, error = excluded.error, usage = excluded.usage,"
            + " scheduled_at = excluded.scheduled_at, started_at = excluded.started_at,"
            + " finished_at = excluded.finished_at"
            // a finished attempt is history: a replayed scheduling must not reopen it
            + " WHERE node_runs.finished_at IS NULL";
    startRun =
        "UPDATE node_runs SET status = 'RUNNING', started_at = ?"
            + " WHERE execution_id = ? AND node_path = ? AND attempt = ? AND finished_at IS NULL";
    finishRun =
        "UPDATE node_runs SET status = ?, output = "
            + j
            + ", error = "
            + j
            + ", usage = "
            + j
            + ", finished_at = ?, started_at = COALESCE(started_at, ?),"
            // a fallback agent that served the attempt becomes the record's agent
            + " agent = COALESCE(?, agent), agent_name = COALESCE(?, agent_name)"
            + " WHERE execution_id = ? AND node_path = ? AND attempt = ?";
    // the usual end of an attempt whose start is recorded and whose agent served it: nothing in
    // node_runs_by_agent (agent_name, started_at) changes, so its columns stay out of the SET list
    finishRunLean =
        "UPDATE node_runs SET status = ?, output = "
            + j
            + ", error = "
            + j
            + ", usage = "
            + j
            + ", finished_at = ? WHERE execution_id = ? AND node_path = ? AND attempt = ?";
    // an upsert keeps the row's pos: the order in which the execution's nodes became known
    upsertNode =
        "INSERT INTO execution_nodes (execution_id, path, seq, state) VALUES (?, ?, ?, "
            + j
            + ") ON CONFLICT (execution_id, path) DO UPDATE SET seq = excluded.seq,"
            + " state = excluded.state WHERE excluded.seq >= execution_nodes.seq";
    putTask =
        "INSERT INTO tasks (execution_id, node_path, run_at, kind, payload) VALUES (?, ?, ?, ?, "
            + j
            + ") ON CONFLICT (execution_id, node_path) DO UPDATE SET run_at = excluded.run_at,"
            + " kind = excluded.kind, payload = excluded.payload,"
            + " lease_owner = NULL, lease_until = NULL";
  }

  /** Writes the batch; the caller commits or rolls back. */
  void write(Connection connection, List<Transition> batch) throws SQLException {
    Map<String, ExecutionState> states = new LinkedHashMap<>();
    List<ExecutionEvent> events = new ArrayList<>();
    Map<RunKey, RunWrite> runs = new LinkedHashMap<>();
    Map<TaskKey, Task> tasks = new LinkedHashMap<>(); // a null value removes the task
    Map<String, Set<String>> changedNodes = new HashMap<>(); // a null value: every node
    List<ApprovalWrite> approvals = new ArrayList<>(0);
    for (Transition transition : batch) {
      ExecutionState state = transition.state();
      states.put(state.id(), state);
      foldChanges(changedNodes, state.id(), transition.changedNodes());
      events.addAll(transition.events());
      for (RunChange change : transition.runs()) {
        runs.computeIfAbsent(RunKey.of(change), k -> new RunWrite()).fold(change);
      }
      // removals first: a transition that replaces a node's task removes the old and puts the new
      for (String path : transition.removeTasks()) {
        tasks.put(new TaskKey(state.id(), path), null);
      }
      for (Task task : transition.putTasks()) {
        tasks.put(new TaskKey(task.executionId(), task.path()), task);
      }
      approvals.addAll(transition.approvals());
    }
    Instant now = clock.instant();
    // parents before children, for the foreign keys
    run(connection, upsertExecution, states.values(), (s, state) -> bindState(s, state, now));
    if (setStatus != null) {
      run(connection, setStatus, states.values(), TransitionWriter::bindStatus);
    }
    run(connection, upsertNode, nodeRows(states, changedNodes), this::bindNode);
    run(connection, insertEvent, events, this::bindEvent);
    writeRuns(connection, runs);
    writeTasks(connection, tasks);
    approvalWriter.write(connection, approvals);
  }

  /** Adds a transition's changed node paths to its execution's; null (every node) wins. */
  private static void foldChanges(
      Map<String, Set<String>> changed, String executionId, List<String> paths) {
    if (paths == null) {
      changed.put(executionId, null);
    } else if (!changed.containsKey(executionId)) {
      changed.put(executionId, new HashSet<>(paths));
    } else if (changed.get(executionId) != null) {
      changed.get(executionId).addAll(paths);
    }
  }

  /**
   * The node rows to write: each changed node's state in its execution's last state of the batch,
   * in the order the nodes became known, so that new rows get their positions in that order.
   */
  private static List<NodeRow> nodeRows(
      Map<String, ExecutionState> states, Map<String, Set<String>> changed) {
    var rows = new ArrayList<NodeRow>();
    for (ExecutionState state : states.values()) {
      Set<String> paths = changed.get(state.id());
      if (paths != null && paths.isEmpty()) {
        continue;
      }
      for (Map.Entry<String, NodeState> node : state.nodes().entrySet()) {
        if (paths == null || paths.contains(node.getKey())) {
          rows.add(new NodeRow(state.id(), node.getKey(), state.lastSeq(), node.getValue()));
        }
      }
    }
    return rows;
  }

  private void bindNode(PreparedStatement s, NodeRow row) throws SQLException {
    s.setString(1, row.executionId());
    s.setString(2, row.path());
    s.setLong(3, row.seq());
    s.setString(4, json.write(row.state()));
  }

  private record NodeRow(String executionId, String path, long seq, NodeState state) {}

  private void bindState(PreparedStatement s, ExecutionState state, Instant now)
      throws SQLException {
    s.setString(1, state.id());
    s.setString(2, state.flowId());
    s.setString(3, state.flowVersion());
    s.setString(4, state.status().name());
    s.setLong(5, state.lastSeq());
    s.setString(6, json.stateWithoutNodes(state));
    Timestamps.set(s, 7, state.createdAt());
    Timestamps.set(s, 8, state.finishedAt());
    Timestamps.set(s, 9, now);
    // set once, by the insert: the upsert never changes where an execution came from
    s.setString(10, state.replayOf() == null ? null : state.replayOf().execution());
  }

  private static void bindStatus(PreparedStatement s, ExecutionState state) throws SQLException {
    s.setString(1, state.status().name());
    s.setString(2, state.id());
    s.setLong(3, state.lastSeq());
    s.setString(4, state.status().name());
  }

  private void bindEvent(PreparedStatement s, ExecutionEvent event) throws SQLException {
    s.setString(1, event.executionId());
    s.setLong(2, event.seq());
    s.setString(3, event.type().wireName());
    s.setString(4, event.nodePath());
    s.setInt(5, event.attempt());
    Timestamps.set(s, 6, event.at());
    s.setString(7, event.data().isEmpty() ? null : json.write(event.data()));
  }

  private void writeRuns(Connection connection, Map<RunKey, RunWrite> runs) throws SQLException {
    List<Map.Entry<RunKey, RunWrite>> inserts = new ArrayList<>();
    List<Map.Entry<RunKey, RunWrite>> starts = new ArrayList<>();
    List<Map.Entry<RunKey, RunWrite>> finishes = new ArrayList<>();
    List<Map.Entry<RunKey, RunWrite>> leanFinishes = new ArrayList<>();
    for (Map.Entry<RunKey, RunWrite> entry : runs.entrySet()) {
      RunWrite run = entry.getValue();
      if (run.scheduled() != null) {
        inserts.add(entry);
      } else if (run.finished() != null) {
        boolean lean = run.startedAt() == null && run.finished().servedBy() == null;
        (lean ? leanFinishes : finishes).add(entry);
      } else if (run.startedAt() != null) {
        starts.add(entry);
      }
    }
    run(connection, upsertRun, inserts, (s, e) -> bindInsertedRun(s, e.getValue()));
    run(connection, startRun, starts, (s, e) -> bindStartedRun(s, e.getKey(), e.getValue()));
    run(connection, finishRun, finishes, (s, e) -> bindFinishedRun(s, e.getKey(), e.getValue()));
    run(
        connection,
        finishRunLean,
        leanFinishes,
        (s, e) -> bindLeanFinish(s, e.getKey(), e.getValue()));
  }

  private void bindInsertedRun(PreparedStatement s, RunWrite run) throws SQLException {
    RunChange.Scheduled scheduled = run.scheduled();
    RunChange.Finished finished = run.finished();
    s.setString(1, scheduled.executionId());
    s.setString(2, scheduled.path());
    s.setInt(3, scheduled.attempt());
    s.setString(4, run.status().name());
    s.setString(
        5,
        finished == null || finished.servedBy() == null ? scheduled.agent() : finished.servedBy());
    s.setString(6, json.write(scheduled.input()));
    s.setString(7, finished == null ? null : json.write(finished.output()));
    s.setString(8, finished == null ? null : json.write(finished.error()));
    s.setString(9, finished == null ? null : json.write(finished.usage()));
    s.setString(
        10, NodeRun.idempotencyKey(scheduled.executionId(), scheduled.path(), scheduled.attempt()));
    Timestamps.set(s, 11, scheduled.at());
    Timestamps.set(s, 12, run.startedAt());
    Timestamps.set(s, 13, finished == null ? null : finished.at());
    s.setString(
        14,
        agentName(
            finished == null || finished.servedBy() == null
                ? scheduled.agent()
                : finished.servedBy()));
  }

  /** The name part of an agent reference ({@code reviewer} of {@code reviewer@^1}). */
  static String agentName(String reference) {
    if (reference == null) {
      return null;
    }
    int at = reference.indexOf('@');
    return at < 0 ? reference : reference.substring(0, at);
  }

  private static void bindStartedRun(PreparedStatement s, RunKey key, RunWrite run)
      throws SQLException {
    Timestamps.set(s, 1, run.startedAt());
    key.bind(s, 2);
  }

  private void bindFinishedRun(PreparedStatement s, RunKey key, RunWrite run) throws SQLException {
    RunChange.Finished finished = run.finished();
    s.setString(1, finished.status().name());
    s.setString(2, json.write(finished.output()));
    s.setString(3, json.write(finished.error()));
    s.setString(4, json.write(finished.usage()));
    Timestamps.set(s, 5, finished.at());
    Timestamps.set(s, 6, run.startedAt());
    s.setString(7, finished.servedBy());
    s.setString(8, agentName(finished.servedBy()));
    key.bind(s, 9);
  }

  private void bindLeanFinish(PreparedStatement s, RunKey key, RunWrite run) throws SQLException {
    RunChange.Finished finished = run.finished();
    s.setString(1, finished.status().name());
    s.setString(2, json.write(finished.output()));
    s.setString(3, json.write(finished.error()));
    s.setString(4, json.write(finished.usage()));
    Timestamps.set(s, 5, finished.at());
    key.bind(s, 6);
  }

  private void writeTasks(Connection connection, Map<TaskKey, Task> tasks) throws SQLException {
    List<Task> puts = new ArrayList<>();
    List<TaskKey> removes = new ArrayList<>();
    tasks.forEach(
        (key, task) -> {
          if (task == null) {
            removes.add(key);
          } else {
            puts.add(task);
          }
        });
    run(connection, putTask, puts, this::bindTask);
    run(
        connection,
        REMOVE_TASK,
        removes,
        (s, key) -> {
          s.setString(1, key.executionId());
          s.setString(2, key.path());
        });
  }

  private void bindTask(PreparedStatement s, Task task) throws SQLException {
    s.setString(1, task.executionId());
    s.setString(2, task.path());
    Timestamps.set(s, 3, task.runAt());
    s.setString(4, task.isTimer() ? "timer" : "run");
    if (task.isTimer()) {
      s.setNull(5, Types.VARCHAR);
    } else {
      s.setString(5, json.write(task.run()));
    }
  }

  private static <T> void run(
      Connection connection, String sql, Collection<T> items, Binder<T> binder)
      throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (T item : items) {
        binder.bind(statement, item);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement statement, T item) throws SQLException;
  }

  private record TaskKey(String executionId, String path) {}

  private record RunKey(String executionId, String path, int attempt) {
    static RunKey of(RunChange change) {
      return new RunKey(change.executionId(), change.path(), change.attempt());
    }

    void bind(PreparedStatement s, int first) throws SQLException {
      s.setString(first, executionId);
      s.setString(first + 1, path);
      s.setInt(first + 2, attempt);
    }
  }
}
