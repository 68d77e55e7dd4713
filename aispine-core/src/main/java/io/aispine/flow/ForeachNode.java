package io.aispine.flow;

import java.util.List;

/**
 * A body of nodes run once for each item of a list: item {@code i} (from 0) runs the body under the
 * paths {@code <id>/<i>/<node>} with {@code item} and {@code item_index} in scope, at most {@code
 * maxConcurrency} items at a time, and the items' values are collected in item order.
 *
 * @param items a template yielding the list ({@code "${inputs.guests}"})
 * @param maxConcurrency how many items may run at once
 * @param onItemError what a failed item does to the whole
 * @param body the nodes run for one item
 * @param output a template for the value of one item, or null for the default: the output of the
 *     body's only final node, or a map of its final nodes' outputs by id
 */
public record ForeachNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    String items,
    int maxConcurrency,
    ItemFailure onItemError,
    List<Node> body,
    Object output)
    implements Node {

  /** How many items run at once when {@code max_concurrency} is not given. */
  public static final int DEFAULT_CONCURRENCY = 10;

  public ForeachNode {
    needs = List.copyOf(needs);
    body = List.copyOf(body);
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("max_concurrency must be at least 1");
    }
  }

  @Override
  public String kind() {
    return "foreach";
  }

  /** What a failed item does. */
  public enum ItemFailure {
    /** The first failed item cancels the running ones and fails the foreach. */
    FAIL_FAST,
    /** Every item runs; failed items leave {@code null} in the outputs and an entry in errors. */
    CONTINUE
  }
}
