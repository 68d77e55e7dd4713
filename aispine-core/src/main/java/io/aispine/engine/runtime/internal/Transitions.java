package io.aispine.engine.runtime.internal;

import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.Command;
import io.aispine.execution.NodeStatus;
import io.aispine.store.ApprovalWrite;
import io.aispine.store.Task;
import io.aispine.store.Transition;
import java.util.ArrayList;
import java.util.List;

/** Turns a decision into the store transition that makes it durable, tasks included. */
public final class Transitions {

  private Transitions() {}

  /**
   * The transition for one applied fact. Commands become task rows: a run or a timer is put, a
   * cancel removes the row. The row of the node a fact was about is removed once that node needs no
   * task any more (it ended), unless the decision put a new one in its place.
   */
  public static Transition of(Fact fact, boolean created, Decision decision) {
    String executionId = decision.state().id();
    List<Task> put = new ArrayList<>(decision.commands().size());
    List<String> remove = new ArrayList<>(1);
    List<ApprovalWrite> approvals = new ArrayList<>(0);
    for (Command command : decision.commands()) {
      switch (command) {
        case Command.RunTask run -> put.add(new Task(executionId, run.path(), run.runAt(), run));
        case Command.StartTimer timer ->
            put.add(new Task(executionId, timer.path(), timer.fireAt(), null));
        case Command.CancelTask cancel -> remove.add(cancel.path());
        case Command.RequestApproval request ->
            approvals.add(
                new ApprovalWrite.Requested(
                    request.approvalId(),
                    executionId,
                    request.path(),
                    decision.state().flowId(),
                    request.message(),
                    request.approvers(),
                    request.requestedAt(),
                    request.expiresAt()));
        case Command.ResolveApproval resolve ->
            approvals.add(
                new ApprovalWrite.Resolved(
                    resolve.approvalId(),
                    resolve.status(),
                    resolve.comment(),
                    resolve.by(),
                    resolve.byKey(),
                    resolve.at()));
      }
    }
    String path = pathOf(fact);
    if (path != null && put.stream().noneMatch(t -> t.path().equals(path))) {
      NodeStatus now = decision.state().node(path).status();
      if (now != NodeStatus.SCHEDULED && now != NodeStatus.RUNNING && !remove.contains(path)) {
        remove.add(path);
      }
    }
    return new Transition(
        decision.state(),
        created,
        decision.events(),
        decision.runs(),
        put,
        remove,
        approvals,
        // a new execution may start with node states of its own (a replay's reused nodes)
        created ? null : decision.changedNodes());
  }

  private static String pathOf(Fact fact) {
    return switch (fact) {
      case Fact.NodeSucceeded f -> f.path();
      case Fact.NodeFailed f -> f.path();
      case Fact.TimerFired f -> f.path();
      case Fact.LeaseExpired f -> f.path();
      case Fact.NodeDeferred f -> f.path();
      case Fact.ApprovalAnswered f -> f.path();
      case Fact.NodeStarted f -> null;
      case Fact.NodeResumed f -> null;
      case Fact.ExecutionStarted f -> null;
      case Fact.RetryRequested f -> null;
      case Fact.CancelRequested f -> null;
      case Fact.ExecutionAborted f -> null;
    };
  }
}
