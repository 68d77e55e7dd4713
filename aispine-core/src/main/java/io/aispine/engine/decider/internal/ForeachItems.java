package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Templates;
import io.aispine.flow.ForeachNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Foreach nodes: the body once per item of a list, at most {@code max_concurrency} items at a time,
 * started in item order.
 *
 * <p>The output is {@code {outputs, errors, succeeded, failed}}: the items' values in item order
 * ({@code null} for a failed item), and {@code {index, node, error}} for each failed item (only
 * with {@code on_item_error: continue}; {@code fail_fast} fails the foreach instead).
 */
final class ForeachItems {

  private ForeachItems() {}

  /** The foreach became ready: evaluate its list and start the first items. */
  static void start(Draft d, Scope.Located at, NodeState state) {
    ForeachNode each = (ForeachNode) at.node();
    String path = at.path();
    Object value;
    try {
      value = Templates.resolve(each.items(), Names.of(d.before(), d.nodes(), at.scope()));
    } catch (ExpressionException e) {
      fail(d, at, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    if (!(value instanceof List<?> list)) {
      fail(
          d,
          at,
          state,
          ErrorInfo.permanent(
              Failures.EXPRESSION_ERROR,
              "foreach '"
                  + path
                  + "': items must yield a list, got "
                  + (value == null ? "null" : value.getClass().getSimpleName())));
      return;
    }
    @SuppressWarnings("unchecked")
    List<Object> items = Bodies.list((List<Object>) list);
    d.emit(EventType.NODE_STARTED, path, 0, Map.of("kind", "foreach", "items", items.size()));
    if (items.isEmpty()) {
      d.put(path, NodeMoves.succeeded(state, output(List.of(), List.of()), d.at()));
      d.emit(EventType.NODE_COMPLETED, path, 0, ReadyNodes.completedData(d.node(path).output()));
      return;
    }
    int first = Math.min(each.maxConcurrency(), items.size());
    d.put(path, NodeMoves.containerStarted(state, Progress.foreach(items, first, 0), d.at()));
    for (int i = 0; i < first; i++) {
      startItem(d, at, i);
    }
  }

  /** A node of some items ended: count the items that are over and start the next ones. */
  static void progress(Draft d, Scope.Located at, NodeState state) {
    ForeachNode each = (ForeachNode) at.node();
    String path = at.path();
    List<Object> items = Progress.items(state);
    int started = Progress.started(state);
    int finished = Progress.finished(state);
    var touched = new TreeSet<Integer>();
    d.takeTouched(path).forEach(i -> touched.add(Integer.parseInt(i)));
    for (int index : touched) {
      Scope item = itemScope(at, index);
      if (!Bodies.over(d, item)) {
        continue;
      }
      finished++;
      String failed = Bodies.failedNode(d, item);
      if (failed != null && each.onItemError() == ForeachNode.ItemFailure.FAIL_FAST) {
        Cancellation.cancelBelow(d, path, "foreach '" + path + "' failed fast on item " + index);
        fail(d, at, state, Bodies.failure(d, "foreach '" + path + "' item " + index, failed));
        return;
      }
    }
    int next = started;
    while (next < items.size() && next - finished < each.maxConcurrency()) {
      startItem(d, at, next++);
    }
    if (finished < items.size()) {
      d.put(path, NodeMoves.progressed(state, Progress.foreach(items, next, finished)));
      return;
    }
    var outputs = new ArrayList<Object>(items.size());
    var errors = new ArrayList<Object>();
    try {
      for (int index = 0; index < items.size(); index++) {
        Scope item = itemScope(at, index);
        String failed = Bodies.failedNode(d, item);
        if (failed == null) {
          outputs.add(Bodies.value(d, item, each.output()));
        } else {
          outputs.add(null);
          var entry = Bodies.map();
          entry.put("index", index);
          entry.put("node", failed);
          entry.put("error", d.node(failed).error().toMap());
          errors.add(entry);
        }
      }
    } catch (ExpressionException e) {
      fail(d, at, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    var output = output(outputs, errors);
    d.put(path, NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.NODE_COMPLETED, path, 0, ReadyNodes.completedData(output));
  }

  private static void startItem(Draft d, Scope.Located at, int index) {
    d.emit(EventType.FOREACH_ITEM_STARTED, at.path(), 0, Map.of("index", index));
    Bodies.start(d, itemScope(at, index));
  }

  private static Scope itemScope(Scope.Located at, int index) {
    return at.scope().child(at.id(), Integer.toString(index));
  }

  private static Map<String, Object> output(List<Object> outputs, List<Object> errors) {
    var output = Bodies.map();
    output.put("outputs", Bodies.list(outputs));
    output.put("errors", Bodies.list(errors));
    output.put("succeeded", outputs.size() - errors.size());
    output.put("failed", errors.size());
    return output;
  }

  private static void fail(Draft d, Scope.Located at, NodeState state, ErrorInfo error) {
    Failures.failFinally(d, at.path(), at.node(), state, error);
  }
}
