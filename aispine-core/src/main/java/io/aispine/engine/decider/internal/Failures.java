package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.flow.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/** Final node failures and how the node's options handle them. */
public final class Failures {

  /** The code of a failure to evaluate a condition, template or computed value. */
  public static final String EXPRESSION_ERROR = "EXPRESSION_ERROR";

  private Failures() {}

  /**
   * Fails a node for good: {@code continue_on_error} turns the error into its output, {@code
   * on_error} activates the fallback (which the next sweep starts), otherwise the failure is
   * unhandled and will fail the execution.
   */
  public static void failFinally(Draft d, String path, Node node, NodeState prev, ErrorInfo error) {
    var options = node.options();
    Handling handling;
    Object output = null;
    if (options.continueOnError()) {
      handling = Handling.CONTINUED;
      var wrapped = new LinkedHashMap<String, Object>(2);
      wrapped.put("error", error.toMap());
      output = wrapped;
    } else if (options.onError() != null) {
      handling = Handling.FALLBACK;
    } else {
      handling = Handling.NONE;
    }
    d.put(path, NodeMoves.failed(prev, error, handling, output, d.at()));
    d.emit(EventType.NODE_FAILED, path, prev.attempt(), failedData(error, prev, true));
  }

  /** The data of a {@code node.failed} event. */
  public static Map<String, Object> failedData(ErrorInfo error, NodeState prev, boolean last) {
    var data = new LinkedHashMap<String, Object>(4);
    data.put("error", error.toMap());
    data.put("attempt", prev.attempt());
    data.put("final", last);
    return data;
  }
}
