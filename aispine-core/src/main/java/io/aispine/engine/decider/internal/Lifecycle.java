package io.aispine.engine.decider.internal;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Templates;
import java.util.LinkedHashMap;
import java.util.Map;

/** The execution-level facts and outcomes: start, cancellation and the end of an execution. */
public final class Lifecycle {

  private Lifecycle() {}

  /**
   * The execution starts: every node becomes known (pending, unless a replay reused its result) and
   * the roots are evaluated.
   */
  public static void started(Draft d) {
    var flow = d.graph().flow();
    var data = new LinkedHashMap<String, Object>(4);
    data.put("flow", flow.id());
    data.put("version", flow.version().text());
    if (d.before().replayOf() != null) {
      data.put("replay_of", Replays.startedData(d.before().replayOf()));
    }
    if (!d.before().agents().isEmpty()) {
      data.put("agents", d.before().agents()); // the pinned versions, on the record
    }
    d.emit(EventType.EXECUTION_STARTED, null, 0, data);
    Replays.announce(d);
    for (String id : d.graph().order()) {
      if (d.nodes().get(id) == null) {
        d.put(id, NodeState.PENDING);
      }
      d.markDirty(id);
    }
  }

  /** Every node that has not ended is cancelled, and running work is interrupted. */
  public static void cancel(Draft d, Fact.CancelRequested f) {
    String reason = f.reason() == null || f.reason().isBlank() ? "cancelled" : f.reason();
    cancelOpenNodes(d, reason);
    d.end(ExecutionStatus.CANCELLED, Map.of(), null);
    d.emit(EventType.EXECUTION_CANCELLED, null, 0, Map.of("reason", reason));
  }

  /**
   * The runtime could not apply or store something that happened to the execution: it fails with
   * the fact's error, and every node that has not ended is cancelled, so no work of it is left
   * running or due. An execution whose start was never stored is started first, so that its history
   * still begins with {@code execution.started}.
   */
  public static void abort(Draft d, Fact.ExecutionAborted f) {
    if (d.before().lastSeq() == 0) {
      started(d);
    }
    cancelOpenNodes(d, "the execution failed (" + f.error().code() + ")");
    fail(d, f.error(), null);
  }

  /** Cancels every node instance that has not ended, bodies included, in the order it was known. */
  private static void cancelOpenNodes(Draft d, String reason) {
    var open = new java.util.ArrayList<String>();
    d.nodes()
        .forEach(
            (path, state) -> {
              if (!state.status().terminal()) {
                open.add(path);
              }
            });
    for (String path : open) {
      Cancellation.cancel(d, path, d.node(path), reason);
    }
  }

  /**
   * Re-opens a failed execution: its unhandled failures, and every node their failure skipped
   * downstream, become pending again; nodes that succeeded keep their outputs and are not run
   * again.
   *
   * @return null when applied, else why the retry is refused
   */
  public static String retry(Draft d, Fact.RetryRequested f) {
    if (d.status() != ExecutionStatus.FAILED) {
      return "only a failed execution can be retried; "
          + d.executionId()
          + " is "
          + d.status().wireName();
    }
    var reset = new java.util.LinkedHashSet<String>();
    var frontier = new java.util.ArrayDeque<String>();
    for (String id : d.graph().order()) {
      NodeState state = d.node(id);
      // a failed execution has cancelled nodes only when it was aborted: they run again too
      if (state.failedUnhandled() || state.status() == NodeStatus.CANCELLED) {
        reset.add(id);
        frontier.add(id);
      }
    }
    // what a failure skipped downstream runs again too; branches a decision did not take do not
    while (!frontier.isEmpty()) {
      for (String next : d.graph().dependents(frontier.poll())) {
        NodeState state = d.node(next);
        if (state.status() == NodeStatus.SKIPPED
            && !"not_activated".equals(state.reason())
            && reset.add(next)) {
          frontier.add(next);
        }
      }
    }
    d.reopen();
    var nodes = new java.util.ArrayList<String>();
    for (String id : d.graph().order()) {
      if (reset.contains(id)) {
        d.put(id, NodeMoves.reset(d.node(id)));
        d.markDirty(id);
        nodes.add(id);
      }
    }
    d.emit(EventType.EXECUTION_RETRIED, null, 0, Map.of("nodes", nodes));
    return null;
  }

  /**
   * Ends the execution once every node has ended: failed when a node failed unhandled, else
   * succeeded with its outputs evaluated (an output that fails to evaluate fails the execution).
   */
  public static void finishIfDone(Draft d) {
    if (d.status().terminal()) {
      return;
    }
    NodeState firstUnhandled = null;
    String failedNode = null;
    for (String id : d.graph().order()) {
      NodeState state = d.node(id);
      if (!state.status().terminal()) {
        return;
      }
      if (firstUnhandled == null && state.failedUnhandled()) {
        firstUnhandled = state;
        failedNode = id;
      }
    }
    if (firstUnhandled != null) {
      fail(d, firstUnhandled.error(), failedNode);
      return;
    }
    Map<String, Object> outputs;
    try {
      outputs = resolveOutputs(d);
    } catch (ExpressionException e) {
      fail(d, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()), null);
      return;
    }
    var tooLarge =
        d.payloadLimit()
            .check(outputs, PayloadLimit.Kind.EXECUTION_OUTPUTS, "the execution's outputs");
    if (tooLarge.isPresent()) {
      fail(d, tooLarge.get(), null);
      return;
    }
    d.end(ExecutionStatus.SUCCEEDED, outputs, null);
    var data = new LinkedHashMap<String, Object>(2);
    data.put("outputs", outputs);
    d.emit(EventType.EXECUTION_COMPLETED, null, 0, data);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolveOutputs(Draft d) {
    var templates = d.graph().flow().outputs();
    if (templates.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>)
        Templates.resolve(templates, Names.of(d.graph(), d.before(), d.nodes()));
  }

  private static void fail(Draft d, ErrorInfo error, String node) {
    d.end(ExecutionStatus.FAILED, Map.of(), error);
    var data = new LinkedHashMap<String, Object>(2);
    data.put("error", error.toMap());
    data.put("node", node);
    d.emit(EventType.EXECUTION_FAILED, null, 0, data);
  }
}
