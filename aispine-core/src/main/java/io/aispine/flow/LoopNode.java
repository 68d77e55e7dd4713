package io.aispine.flow;

import java.util.List;

/**
 * A body of nodes run again and again: iteration {@code n} runs the body under the paths {@code
 * <id>/<n>/<node>}, one iteration after the other, until {@code until} holds after an iteration,
 * {@code breakIf} holds before one, or {@code maxIterations} iterations have run.
 *
 * @param body the nodes of one iteration, a graph of their own (their {@code needs} name nodes of
 *     the body)
 * @param until a condition evaluated after each iteration (the iteration's nodes, {@code
 *     loop.iteration} and {@code loop.outputs} in scope); the loop ends when it holds; or null
 * @param breakIf a condition evaluated before each iteration; the loop ends without running it when
 *     it holds; or null
 * @param maxIterations the required bound on the number of iterations
 * @param onMax what reaching the bound without {@code until} holding means; a loop with neither
 *     {@code until} nor {@code break_if} simply runs its body {@code maxIterations} times
 * @param output a template for the value of one iteration, or null for the default: the output of
 *     the body's only final node, or a map of its final nodes' outputs by id
 */
public record LoopNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    List<Node> body,
    String until,
    String breakIf,
    int maxIterations,
    OnMax onMax,
    Object output)
    implements Node {

  public LoopNode {
    needs = List.copyOf(needs);
    body = List.copyOf(body);
    if (maxIterations < 1) {
      throw new IllegalArgumentException("max_iterations must be at least 1");
    }
  }

  @Override
  public String kind() {
    return "loop";
  }

  /** What a loop does when it reaches {@code max_iterations} and {@code until} still fails. */
  public enum OnMax {
    /** The loop fails with {@code LOOP_MAX_ITERATIONS}. */
    FAIL,
    /** The loop succeeds with the iterations it ran, marked {@code exhausted}. */
    CONTINUE
  }
}
