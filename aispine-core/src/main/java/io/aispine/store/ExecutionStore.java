package io.aispine.store;

import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeRun;
import java.util.List;
import java.util.Optional;

/** Executions, their event histories, attempt records and due tasks. */
public interface ExecutionStore {

  /**
   * Applies a batch of transitions in one transaction (group commit): all of them or none. When
   * this returns, they are durable.
   */
  void apply(List<Transition> batch);

  /** The current state of an execution. */
  Optional<ExecutionState> find(String executionId);

  /** Every execution that is not terminal, for recovery after a restart. */
  List<ExecutionState> findActive();

  /** Recent executions, newest first, optionally only those of one flow. */
  List<ExecutionState> list(String flowIdOrNull, int limit);

  /** History events with {@code seq > afterSeq}, in order, at most {@code limit}. */
  List<ExecutionEvent> events(String executionId, long afterSeq, int limit);

  /** Every attempt record of an execution, by path then attempt. */
  List<NodeRun> runs(String executionId);

  /** Every stored task, for recovery after a restart. */
  List<Task> tasks();

  /**
   * One page of executions matching {@code query}, newest first (by creation time, then id).
   *
   * <p>A default so that test doubles of this port keep compiling; the JDBC store implements it.
   */
  default List<ExecutionState> list(ExecutionQuery query) {
    throw new UnsupportedOperationException("this store cannot query executions");
  }

  /**
   * Events of every execution with a global position greater than {@code afterPosition}, in
   * position (commit) order, at most {@code limit}.
   */
  default List<StoredEvent> eventsAfterPosition(long afterPosition, int limit) {
    throw new UnsupportedOperationException("this store keeps no global event positions");
  }

  /** The global position of the last committed event, 0 when there is none. */
  default long lastEventPosition() {
    throw new UnsupportedOperationException("this store keeps no global event positions");
  }
}
