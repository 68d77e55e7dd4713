package io.aispine.engine.runtime.internal;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Decider;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.FlowGraph;
import io.aispine.store.StoreException;
import java.time.InstantSource;
import java.util.NoSuchElementException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one submitted fact for the committer's decider thread, and turns whatever happens into
 * the item the writer commits: the decision, a rejection, an execution that is gone, a store that
 * failed, or, when deciding throws, the failure of that fact's execution.
 */
final class SubmissionDecider {

  private static final Logger log = LoggerFactory.getLogger(SubmissionDecider.class);

  private final FlowGraphs graphs;
  private final DoubleSupplier random;
  private final PayloadLimit payloadLimit;
  private final InstantSource clock;

  SubmissionDecider(
      FlowGraphs graphs, DoubleSupplier random, PayloadLimit payloadLimit, InstantSource clock) {
    this.graphs = graphs;
    this.random = random;
    this.payloadLimit = payloadLimit;
    this.clock = clock;
  }

  /**
   * Decides one submission. Whatever deciding throws (an exception or an error such as {@link
   * StackOverflowError}) fails that fact's execution instead, decided against the same state, so
   * that a fact the engine cannot apply is not submitted again and again by its worker.
   */
  Committer.Item decide(Committer.Submission submission, Supplier<ExecutionState> states) {
    Fact fact = submission.fact();
    ExecutionState state;
    FlowGraph graph;
    try {
      state = states.get();
      graph = graphs.get(state.flowId(), state.flowVersion());
    } catch (NoSuchElementException e) {
      return new Committer.Item(submission, null, null, new CommitOutcome.Gone(e.getMessage()));
    } catch (StoreException e) {
      return new Committer.Item(submission, null, null, new CommitOutcome.StoreFailed(e));
    } catch (Throwable e) {
      // without its flow's graph nothing can be decided about the execution, its failure neither
      log.error(
          "cannot decide {}: the flow of execution {} is unusable",
          Aborts.describe(fact),
          fact.executionId(),
          e);
      return new Committer.Item(
          submission,
          null,
          null,
          new CommitOutcome.Gone(
              "execution " + fact.executionId() + " cannot be decided: " + Aborts.describe(e)));
    }
    boolean created = submission.created() != null;
    try {
      Decision decision = Decider.decide(graph, state, fact, random.getAsDouble(), payloadLimit);
      if (decision.isRejected()) {
        return new Committer.Item(submission, null, null, new CommitOutcome.Done(decision));
      }
      return new Committer.Item(
          submission,
          new Committer.Applied(fact, decision),
          Transitions.of(fact, created, decision),
          new CommitOutcome.Done(decision));
    } catch (Throwable e) {
      log.error(
          "could not decide {}; failing execution {}",
          Aborts.describe(fact),
          fact.executionId(),
          e);
      ErrorInfo error =
          ErrorInfo.permanent(
              Aborts.ENGINE_ERROR,
              "execution "
                  + fact.executionId()
                  + " failed: the engine could not apply "
                  + fact.getClass().getSimpleName()
                  + " ("
                  + Aborts.describe(e)
                  + "); its unfinished nodes were cancelled");
      return Aborts.abort(submission, graph, state, created, error, clock, payloadLimit);
    }
  }
}
