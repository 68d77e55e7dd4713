package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Expressions;
import io.aispine.flow.ForkNode;
import java.util.Map;

/**
 * Fork nodes: every branch starts at once; the join strategy turns their outcomes into the fork's.
 *
 * <p>The output is {@code {strategy, winner, score, output, branches, errors, scores}}: the winning
 * branch and its value ({@code first}, {@code best}; null for {@code all}), every succeeded
 * branch's value by name, every failed branch's error by name, and for {@code best} every scored
 * branch's score.
 */
final class Forks {

  /** The code of a fork none of whose branches succeeded. */
  static final String NO_BRANCH_SUCCEEDED = "FORK_NO_BRANCH_SUCCEEDED";

  private Forks() {}

  /** The fork became ready: start every branch. */
  static void start(Draft d, Scope.Located at, NodeState state) {
    ForkNode fork = (ForkNode) at.node();
    d.emit(
        EventType.NODE_STARTED,
        at.path(),
        0,
        Map.of("kind", "fork", "strategy", fork.join().strategy().name().toLowerCase()));
    d.put(at.path(), NodeMoves.containerStarted(state, Map.of(), d.at()));
    for (String branch : fork.branches().keySet()) {
      Bodies.start(d, at.scope().child(at.id(), branch));
    }
  }

  /** A node of some branch ended: join once the strategy can tell the outcome. */
  static void progress(Draft d, Scope.Located at, NodeState state) {
    ForkNode fork = (ForkNode) at.node();
    ForkNode.Join join = fork.join();
    String path = at.path();
    d.takeTouched(path);
    var values = Bodies.map();
    var errors = Bodies.map();
    boolean allOver = true;
    String firstSucceeded = null;
    try {
      for (String branch : fork.branches().keySet()) {
        Scope instance = at.scope().child(at.id(), branch);
        if (!Bodies.over(d, instance)) {
          allOver = false;
          continue;
        }
        String failed = Bodies.failedNode(d, instance);
        if (failed != null) {
          ErrorInfo error =
              Bodies.failure(d, "fork '" + path + "' branch '" + branch + "'", failed);
          if (join.onBranchFailure() == ForkNode.BranchFailure.FAIL) {
            Cancellation.cancelBelow(d, path, "fork '" + path + "' failed: branch " + branch);
            Failures.failFinally(d, path, fork, state, error);
            return;
          }
          errors.put(branch, error.toMap());
        } else {
          values.put(branch, Bodies.value(d, instance, null));
          if (firstSucceeded == null) {
            firstSucceeded = branch;
          }
        }
      }
      if (join.strategy() == ForkNode.Strategy.FIRST && firstSucceeded != null) {
        Cancellation.cancelBelow(d, path, "lost the race to branch " + firstSucceeded);
        succeed(d, at, state, firstSucceeded, null, values, errors, null);
        return;
      }
      if (!allOver) {
        return;
      }
      if (values.isEmpty()) {
        Failures.failFinally(
            d,
            path,
            fork,
            state,
            ErrorInfo.permanent(
                NO_BRANCH_SUCCEEDED,
                "fork '" + path + "': no branch succeeded; errors by branch: " + errors));
        return;
      }
      switch (join.strategy()) {
        case ALL, FIRST -> succeed(d, at, state, null, null, values, errors, null);
        case BEST -> best(d, at, state, values, errors);
      }
    } catch (ExpressionException e) {
      Failures.failFinally(
          d, path, fork, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
    }
  }

  /** Scores every succeeded branch; the highest wins, ties going to the first declared. */
  private static void best(
      Draft d,
      Scope.Located at,
      NodeState state,
      Map<String, Object> values,
      Map<String, Object> errors) {
    ForkNode fork = (ForkNode) at.node();
    var scores = Bodies.map();
    String winner = null;
    double top = Double.NEGATIVE_INFINITY;
    var score = Expressions.compile(fork.join().score());
    for (var entry : values.entrySet()) {
      var names = Names.of(d.before(), d.nodes(), at.scope());
      var branch = Bodies.map();
      branch.put("name", entry.getKey());
      branch.put("output", entry.getValue());
      names.put("branch", branch);
      Object value = score.evaluate(names);
      if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
        throw new ExpressionException(
            fork.join().score(),
            0,
            "fork '"
                + at.path()
                + "': score '"
                + fork.join().score()
                + "' must yield a number for branch "
                + entry.getKey()
                + ", got "
                + value);
      }
      scores.put(entry.getKey(), number);
      if (number.doubleValue() > top) {
        top = number.doubleValue();
        winner = entry.getKey();
      }
    }
    succeed(d, at, state, winner, scores.get(winner), values, errors, scores);
  }

  private static void succeed(
      Draft d,
      Scope.Located at,
      NodeState state,
      String winner,
      Object score,
      Map<String, Object> values,
      Map<String, Object> errors,
      Map<String, Object> scores) {
    ForkNode fork = (ForkNode) at.node();
    var output = Bodies.map();
    output.put("strategy", fork.join().strategy().name().toLowerCase());
    output.put("winner", winner);
    output.put("score", score);
    output.put("output", winner == null ? null : values.get(winner));
    output.put("branches", values);
    output.put("errors", errors);
    if (scores != null) {
      output.put("scores", scores);
    }
    var joined = Bodies.map();
    joined.put("strategy", output.get("strategy"));
    joined.put("winner", winner);
    d.emit(EventType.FORK_JOINED, at.path(), 0, joined);
    d.put(at.path(), NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.NODE_COMPLETED, at.path(), 0, ReadyNodes.completedData(output));
  }
}
