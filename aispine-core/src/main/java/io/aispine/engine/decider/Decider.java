package io.aispine.engine.decider;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.internal.Approvals;
import io.aispine.engine.decider.internal.Attempts;
import io.aispine.engine.decider.internal.Draft;
import io.aispine.engine.decider.internal.Lifecycle;
import io.aispine.engine.decider.internal.ReadyNodes;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.FlowGraph;

/**
 * The engine's pure core: from a flow graph, an execution's state and one new fact, it computes the
 * next state, the events to append, the commands for the runtime and the attempt records to write.
 *
 * <p>It does no I/O, reads no clock (time comes from {@link Fact#at()}) and draws no random numbers
 * (jitter comes in as {@code random}), so the same inputs always give the same decision: that is
 * what makes replaying a history possible and what the tests exercise without a database.
 */
public final class Decider {

  private Decider() {}

  /**
   * Decides what one fact does to an execution.
   *
   * @param graph the graph of the exact flow version the execution runs
   * @param state the execution's current state
   * @param fact what happened
   * @param random a uniform sample in [0, 1), used only for retry jitter
   * @return the decision; {@link Decision#isRejected() rejected} with the unchanged state when the
   *     fact is stale, duplicate, unknown or about a finished execution
   */
  public static Decision decide(FlowGraph graph, ExecutionState state, Fact fact, double random) {
    return decide(graph, state, fact, random, PayloadLimit.DEFAULT);
  }

  /**
   * Decides what one fact does to an execution whose node inputs and outputs may weigh at most
   * {@code payloadLimit}; see {@link #decide(FlowGraph, ExecutionState, Fact, double)}.
   */
  public static Decision decide(
      FlowGraph graph, ExecutionState state, Fact fact, double random, PayloadLimit payloadLimit) {
    if (!state.id().equals(fact.executionId())) {
      return Decision.rejected(
          state, "fact for execution " + fact.executionId() + " given to " + state.id());
    }
    if (state.status().terminal() && !(fact instanceof Fact.RetryRequested)) {
      return Decision.rejected(
          state, "execution " + state.id() + " is already " + state.status().wireName());
    }
    String path = pathOf(fact);
    if (path != null && state.nodes().get(path) == null) {
      return Decision.rejected(state, "execution " + state.id() + " has no node '" + path + "'");
    }
    var draft = new Draft(graph, state, fact, random, payloadLimit);
    String rejection =
        switch (fact) {
          case Fact.ExecutionStarted f -> {
            if (state.lastSeq() > 0) {
              yield "execution " + state.id() + " has already started";
            }
            Lifecycle.started(draft);
            yield null;
          }
          case Fact.NodeStarted f -> Attempts.started(draft, f);
          case Fact.NodeSucceeded f -> Attempts.succeeded(draft, f);
          case Fact.NodeFailed f -> Attempts.failed(draft, f);
          case Fact.LeaseExpired f -> Attempts.leaseExpired(draft, f);
          case Fact.NodeDeferred f -> Attempts.deferred(draft, f);
          case Fact.NodeResumed f -> Attempts.resumed(draft, f);
          case Fact.TimerFired f -> Attempts.timerFired(draft, f);
          case Fact.RetryRequested f -> Lifecycle.retry(draft, f);
          case Fact.ApprovalAnswered f -> Approvals.answered(draft, f);
          case Fact.CancelRequested f -> {
            Lifecycle.cancel(draft, f);
            yield null;
          }
          case Fact.ExecutionAborted f -> {
            Lifecycle.abort(draft, f);
            yield null;
          }
        };
    if (rejection != null) {
      return Decision.rejected(state, rejection);
    }
    ReadyNodes.sweep(draft);
    Lifecycle.finishIfDone(draft);
    return draft.build();
  }

  private static String pathOf(Fact fact) {
    return switch (fact) {
      case Fact.NodeStarted f -> f.path();
      case Fact.NodeSucceeded f -> f.path();
      case Fact.NodeFailed f -> f.path();
      case Fact.LeaseExpired f -> f.path();
      case Fact.NodeDeferred f -> f.path();
      case Fact.NodeResumed f -> f.path();
      case Fact.TimerFired f -> f.path();
      case Fact.ApprovalAnswered f -> f.path();
      case Fact.ExecutionStarted f -> null;
      case Fact.RetryRequested f -> null;
      case Fact.CancelRequested f -> null;
      case Fact.ExecutionAborted f -> null;
    };
  }
}
