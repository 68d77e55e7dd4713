package io.aispine.engine.decider;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.ReplayRequest;
import io.aispine.engine.decider.internal.Approvals;
import io.aispine.engine.decider.internal.Attempts;
import io.aispine.engine.decider.internal.Draft;
import io.aispine.engine.decider.internal.Lifecycle;
import io.aispine.engine.decider.internal.ReadyNodes;
import io.aispine.engine.decider.internal.Replays;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.FlowGraph;
import java.time.Instant;

/**
 * The engine's pure core: from a flow graph, an execution's state and one new fact, it computes the
 * next state, the events to append, the commands for the runtime and the attempt records to write.
 *
 * <p>It does no I/O, reads no clock (time comes from {@link Fact#at()}) and draws no random numbers
 * (jitter comes in as {@code random}), so the same inputs always give the same decision: that is
 * what makes replaying a history possible and what the tests exercise without a database.
 */
public final class Decider {

  /**
   * The agent reference under which a subflow node's attempts run: the engine itself serves it by
   * starting the child execution and waiting for it. The colon keeps it apart from agent names.
   */
  public static final String SUBFLOW_AGENT = "aispine:subflow";

  private Decider() {}

  /**
   * The initial state of an execution that replays {@code origin} from {@code request.from()}:
   * pinned to the origin's flow version, with the reused nodes already final and the others
   * pending. Pure like {@link #decide}: the runtime starts the result with an ordinary {@link
   * Fact.ExecutionStarted}.
   *
   * @param graph the graph of the origin's flow version
   * @param id the new execution's id
   * @param now when the replay is accepted
   * @throws io.aispine.engine.ExecutionNotFinishedException when the origin is still running
   * @throws io.aispine.engine.InvalidReplayException when {@code from} or an output override does
   *     not fit
   * @throws io.aispine.engine.InvalidInputsException when the merged inputs do not fit the flow
   */
  public static ExecutionState planReplay(
      FlowGraph graph, ExecutionState origin, ReplayRequest request, String id, Instant now) {
    return Replays.plan(graph, origin, request, id, now);
  }

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
