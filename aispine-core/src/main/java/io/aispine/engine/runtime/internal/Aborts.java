package io.aispine.engine.runtime.internal;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Decider;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.FlowGraph;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failing one execution in place of a fact the engine could not decide or a change the store
 * refused: an {@link Fact.ExecutionAborted} decided against the state the execution last had.
 */
final class Aborts {

  /** The error code of an execution whose changes the store refused to write. */
  static final String COMMIT_FAILED = "COMMIT_FAILED";

  /** The error code of an execution a fact about which could not be decided. */
  static final String ENGINE_ERROR = "ENGINE_ERROR";

  private static final Logger log = LoggerFactory.getLogger(Aborts.class);

  private Aborts() {}

  /**
   * The item that fails the execution of {@code submission} with {@code error}, decided against
   * {@code state}; its submitter learns that the execution is gone. Without a transition when the
   * execution has already ended, or when even failing it cannot be decided.
   *
   * @param created true when {@code state} is the initial state of an execution not yet stored
   */
  static Committer.Item abort(
      Committer.Submission submission,
      FlowGraph graph,
      ExecutionState state,
      boolean created,
      ErrorInfo error,
      InstantSource clock,
      PayloadLimit payloadLimit) {
    var gone = new CommitOutcome.Gone(error.message());
    var fact = new Fact.ExecutionAborted(state.id(), clock.instant(), error);
    try {
      // failing draws no jitter: any sample will do
      Decision decision = Decider.decide(graph, state, fact, 0.5, payloadLimit);
      if (decision.isRejected()) {
        return new Committer.Item(submission, null, null, gone);
      }
      return new Committer.Item(
          submission,
          new Committer.Applied(fact, decision),
          Transitions.of(fact, created, decision),
          gone);
    } catch (Throwable e) {
      log.error("could not fail execution {} either", state.id(), e);
      return new Committer.Item(
          submission,
          null,
          null,
          new CommitOutcome.Gone(error.message() + "; failing it failed too: " + describe(e)));
    }
  }

  /**
   * A fact as a log line or an error may name it: its kind and execution, never its payload (an
   * output may be large).
   */
  static String describe(Fact fact) {
    return fact.getClass().getSimpleName() + " of " + fact.executionId();
  }

  /** A throwable as people read it: its type, and its message when it has one. */
  static String describe(Throwable e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
