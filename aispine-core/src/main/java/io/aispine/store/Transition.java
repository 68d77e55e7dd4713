package io.aispine.store;

import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.RunChange;
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
 * @param changedNodes the node paths whose state this transition changed, or null when every node
 *     of {@code state} is to be written (a store writes only these node states)
 * @param audit the audit entry of the API request that caused it, appended in the same transaction
 *     (its target, when it names none, is this execution); null when no request is audited
 */
public record Transition(
    ExecutionState state,
    boolean created,
    List<ExecutionEvent> events,
    List<RunChange> runs,
    List<Task> putTasks,
    List<String> removeTasks,
    List<ApprovalWrite> approvals,
    List<String> changedNodes,
    AuditLog.Pending audit) {

  public Transition {
    events = List.copyOf(events);
    runs = List.copyOf(runs);
    putTasks = List.copyOf(putTasks);
    removeTasks = List.copyOf(removeTasks);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
    changedNodes = changedNodes == null ? null : List.copyOf(changedNodes);
  }

  /** A transition that no audited request caused. */
  public Transition(
      ExecutionState state,
      boolean created,
      List<ExecutionEvent> events,
      List<RunChange> runs,
      List<Task> putTasks,
      List<String> removeTasks,
      List<ApprovalWrite> approvals,
      List<String> changedNodes) {
    this(state, created, events, runs, putTasks, removeTasks, approvals, changedNodes, null);
  }

  /** This transition carrying the audit entry of the request that caused it. */
  public Transition withAudit(AuditLog.Pending audit) {
    return new Transition(
        state, created, events, runs, putTasks, removeTasks, approvals, changedNodes, audit);
  }

  /** A transition that writes every node state of {@code state} and touches no approval. */
  public Transition(
      ExecutionState state,
      boolean created,
      List<ExecutionEvent> events,
      List<RunChange> runs,
      List<Task> putTasks,
      List<String> removeTasks) {
    this(state, created, events, runs, putTasks, removeTasks, List.of(), null);
  }

  /** A transition that writes every node state of {@code state}. */
  public Transition(
      ExecutionState state,
      boolean created,
      List<ExecutionEvent> events,
      List<RunChange> runs,
      List<Task> putTasks,
      List<String> removeTasks,
      List<ApprovalWrite> approvals) {
    this(state, created, events, runs, putTasks, removeTasks, approvals, null);
  }
}
