package io.aispine.store;

import io.aispine.engine.ExecutionEvent;
import io.aispine.engine.ExecutionState;
import io.aispine.engine.RunChange;
import java.util.List;

/**
 * Everything one applied fact changes, written atomically with the other transitions of its batch.
 *
 * @param state the execution's new state (inserted when {@code created}, else updated)
 * @param created true for the transition that creates the execution
 * @param events events to append (their sequence numbers are already assigned)
 * @param runs attempt records to insert or update
 * @param putTasks tasks to insert or replace (keyed by execution and path)
 * @param removeTasks node paths whose task to delete
 * @param approvals approvals to store or end, in the order they happened
 */
public record Transition(
    ExecutionState state,
    boolean created,
    List<ExecutionEvent> events,
    List<RunChange> runs,
    List<Task> putTasks,
    List<String> removeTasks,
    List<ApprovalWrite> approvals) {

  public Transition {
    events = List.copyOf(events);
    runs = List.copyOf(runs);
    putTasks = List.copyOf(putTasks);
    removeTasks = List.copyOf(removeTasks);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }

  /** A transition that touches no approval. */
  public Transition(
      ExecutionState state,
      boolean created,
      List<ExecutionEvent> events,
      List<RunChange> runs,
      List<Task> putTasks,
      List<String> removeTasks) {
    this(state, created, events, runs, putTasks, removeTasks, List.of());
  }
}
