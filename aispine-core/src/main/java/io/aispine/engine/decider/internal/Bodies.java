package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.NodeState;
import io.aispine.expr.Templates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a body (an iteration, an item, a branch): starting its nodes, telling when it is
 * over and how it went, and the value it yields.
 *
 * <p>The value of an instance is its container's {@code output} template evaluated in the
 * instance's scope when one is given; otherwise the output of the body's only final node (the one
 * nothing in the body waits for), or a map of the final nodes' outputs by id when there are
 * several.
 */
final class Bodies {

  private Bodies() {}

  /** Makes every node of the instance known (pending) and due for evaluation. */
  static void start(Draft d, Scope instance) {
    for (String id : instance.graph().order()) {
      String path = instance.path(id);
      d.put(path, NodeMoves.instance(d.nodes().get(path)));
      d.markDirty(path);
    }
  }

  /** True when every node of the instance has ended. */
  static boolean over(Draft d, Scope instance) {
    for (String id : instance.graph().order()) {
      if (!d.node(instance.path(id)).status().terminal()) {
        return false;
      }
    }
    return true;
  }

  /** The path of the first node of the instance that failed unhandled, or null when none did. */
  static String failedNode(Draft d, Scope instance) {
    for (String id : instance.graph().order()) {
      if (d.node(instance.path(id)).failedUnhandled()) {
        return instance.path(id);
      }
    }
    return null;
  }

  /**
   * The error a failed instance gives its container: the failed node's, its message saying where.
   */
  static ErrorInfo failure(Draft d, String where, String failedPath) {
    ErrorInfo cause = d.node(failedPath).error();
    String code = cause == null ? "NODE_FAILED" : cause.code();
    String message = cause == null ? "failed" : cause.message();
    return ErrorInfo.permanent(code, where + ": node '" + failedPath + "' failed: " + message);
  }

  /**
   * The value of an instance that succeeded.
   *
   * @throws io.aispine.expr.ExpressionException when the output template fails to evaluate
   */
  static Object value(Draft d, Scope instance, Object outputTemplate) {
    if (outputTemplate != null) {
      return Templates.resolve(outputTemplate, Names.of(d.before(), d.nodes(), instance));
    }
    List<String> sinks = instance.graph().sinks();
    if (sinks.size() == 1) {
      return output(d.node(instance.path(sinks.get(0))));
    }
    var value = new LinkedHashMap<String, Object>(sinks.size() * 2);
    for (String id : sinks) {
      value.put(id, output(d.node(instance.path(id))));
    }
    return value;
  }

  private static Object output(NodeState state) {
    return state.countsAsSuccess() ? state.output() : null;
  }

  /** An unmodifiable copy of a list that may hold nulls (an item or iteration without value). */
  static List<Object> list(List<Object> values) {
    return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  /** A map that keeps nulls, for outputs and event data. */
  static Map<String, Object> map() {
    return new LinkedHashMap<>();
  }
}
