package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Expressions;
import io.aispine.flow.LoopNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loop nodes: iterations of the body one after the other, until {@code until} holds after one,
 * {@code break_if} holds before one, or {@code max_iterations} have run.
 *
 * <p>The loop's output is {@code {iterations, output, outputs, exhausted}}: how many iterations
 * ran, the value of the last one, the values of all in order, and whether the bound ended it.
 */
final class Loops {

  /** The code of a loop that reached {@code max_iterations} with {@code on_max: fail}. */
  static final String MAX_ITERATIONS = "LOOP_MAX_ITERATIONS";

  private Loops() {}

  /** The loop became ready: run iteration 1 unless {@code break_if} already holds. */
  static void start(Draft d, Scope.Located at, NodeState state) {
    LoopNode loop = (LoopNode) at.node();
    String path = at.path();
    d.emit(EventType.NODE_STARTED, path, 0, Map.of("kind", "loop"));
    try {
      if (breaks(d, at, 1, List.of())) {
        d.put(path, NodeMoves.succeeded(state, output(0, null, List.of(), false), d.at()));
        d.emit(EventType.NODE_COMPLETED, path, 0, ReadyNodes.completedData(d.node(path).output()));
        return;
      }
    } catch (ExpressionException e) {
      fail(d, at, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    d.put(path, NodeMoves.containerStarted(state, Progress.loop(1, List.of()), d.at()));
    iterate(d, at, loop, 1);
  }

  /** A node of the current iteration ended: when the iteration is over, decide what comes next. */
  static void progress(Draft d, Scope.Located at, NodeState state) {
    LoopNode loop = (LoopNode) at.node();
    String path = at.path();
    d.takeTouched(path);
    int iteration = Progress.iteration(state);
    Scope instance = at.scope().child(at.id(), Integer.toString(iteration));
    if (!Bodies.over(d, instance)) {
      return;
    }
    String failed = Bodies.failedNode(d, instance);
    if (failed != null) {
      fail(d, at, state, Bodies.failure(d, "loop '" + path + "' iteration " + iteration, failed));
      return;
    }
    var outputs = new ArrayList<>(Progress.outputs(state));
    try {
      Object value = Bodies.value(d, instance, loop.output());
      outputs.add(value);
      var completed = Bodies.map();
      completed.put("iteration", iteration);
      completed.put("output", value);
      d.emit(EventType.LOOP_ITERATION_COMPLETED, path, 0, completed);
      if (loop.until() != null) {
        var names = Names.of(d.before(), d.nodes(), instance);
        names.put("loop", Names.loopNames(iteration, Bodies.list(outputs)));
        if (Expressions.compile(loop.until()).test(names)) {
          finish(d, at, state, iteration, outputs, false);
          return;
        }
      }
      if (iteration >= loop.maxIterations()) {
        if (loop.until() == null && loop.breakIf() == null) {
          finish(d, at, state, iteration, outputs, false); // repeat max_iterations times
        } else if (loop.onMax() == LoopNode.OnMax.CONTINUE) {
          finish(d, at, state, iteration, outputs, true);
        } else {
          fail(
              d,
              at,
              state,
              ErrorInfo.permanent(
                  MAX_ITERATIONS,
                  "loop '"
                      + path
                      + "' ran max_iterations "
                      + loop.maxIterations()
                      + " times without until holding (set on_max: continue to accept the last"
                      + " iteration)"));
        }
        return;
      }
      if (breaks(d, at, iteration + 1, outputs)) {
        finish(d, at, state, iteration, outputs, false);
        return;
      }
    } catch (ExpressionException e) {
      fail(d, at, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    d.put(path, NodeMoves.progressed(state, Progress.loop(iteration + 1, Bodies.list(outputs))));
    iterate(d, at, loop, iteration + 1);
  }

  private static void iterate(Draft d, Scope.Located at, LoopNode loop, int iteration) {
    d.emit(EventType.LOOP_ITERATION_STARTED, at.path(), 0, Map.of("iteration", iteration));
    Bodies.start(d, at.scope().child(at.id(), Integer.toString(iteration)));
  }

  /** Whether {@code break_if}, evaluated before iteration {@code next}, ends the loop. */
  private static boolean breaks(Draft d, Scope.Located at, int next, List<Object> outputs) {
    LoopNode loop = (LoopNode) at.node();
    if (loop.breakIf() == null) {
      return false;
    }
    var names = Names.of(d.before(), d.nodes(), at.scope());
    names.put("loop", Names.loopNames(next, Bodies.list(outputs)));
    return Expressions.compile(loop.breakIf()).test(names);
  }

  private static void finish(
      Draft d,
      Scope.Located at,
      NodeState state,
      int iterations,
      List<Object> outputs,
      boolean exhausted) {
    Object last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
    var output = output(iterations, last, outputs, exhausted);
    d.put(at.path(), NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.NODE_COMPLETED, at.path(), 0, ReadyNodes.completedData(output));
  }

  private static Map<String, Object> output(
      int iterations, Object last, List<Object> outputs, boolean exhausted) {
    var output = Bodies.map();
    output.put("iterations", iterations);
    output.put("output", last);
    output.put("outputs", Bodies.list(outputs));
    output.put("exhausted", exhausted);
    return output;
  }

  private static void fail(Draft d, Scope.Located at, NodeState state, ErrorInfo error) {
    Failures.failFinally(d, at.path(), at.node(), state, error);
  }
}
