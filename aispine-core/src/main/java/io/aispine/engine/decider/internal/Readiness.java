package io.aispine.engine.decider.internal;

import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.FlowGraph;
import io.aispine.flow.Node;
import java.util.List;
import java.util.Map;

/**
 * Whether a pending node may run, must be skipped or must keep waiting: its activation (for
 * decision targets and {@code on_error} fallbacks) and then its trigger rule over its parents.
 *
 * @param verdict what to do with the node
 * @param reason why it is skipped ({@code not_activated}, {@code upstream_failed}, {@code
 *     upstream_skipped}), or null
 */
public record Readiness(Verdict verdict, String reason) {

  /** What the decider does with a pending node. */
  public enum Verdict {
    WAIT,
    RUN,
    SKIP
  }

  private static final Readiness WAIT = new Readiness(Verdict.WAIT, null);
  private static final Readiness RUN = new Readiness(Verdict.RUN, null);
  private static final Readiness NOT_ACTIVATED = new Readiness(Verdict.SKIP, "not_activated");
  private static final Readiness UPSTREAM_FAILED = new Readiness(Verdict.SKIP, "upstream_failed");
  private static final Readiness UPSTREAM_SKIPPED = new Readiness(Verdict.SKIP, "upstream_skipped");

  /** Evaluates a pending node of {@code scope} against the current node states. */
  public static Readiness of(Scope scope, Node node, Map<String, NodeState> nodes) {
    FlowGraph graph = scope.graph();
    var activators = graph.activators(node.id());
    if (!activators.isEmpty()) {
      boolean allDone = true;
      boolean activated = false;
      for (String activator : activators) {
        NodeState state = NodeState.of(nodes, scope.path(activator));
        allDone &= state.status().terminal();
        activated |= activates(graph.node(activator), state, node.id());
      }
      if (!activated) {
        return allDone ? NOT_ACTIVATED : WAIT;
      }
    }
    return byTrigger(scope, node, nodes);
  }

  /**
   * True when {@code activator} (in state {@code state}) activated {@code target}: a decision that
   * chose it, or a node that failed for good with it as its {@code on_error} fallback.
   */
  public static boolean activates(Node activator, NodeState state, String target) {
    if (activator instanceof DecisionNode
        && state.status() == NodeStatus.SUCCEEDED
        && state.output() instanceof Map<?, ?> output
        && output.get("targets") instanceof List<?> targets
        && targets.contains(target)) {
      return true;
    }
    return target.equals(activator.options().onError())
        && state.status() == NodeStatus.FAILED
        && state.handling() == Handling.FALLBACK;
  }

  private static Readiness byTrigger(Scope scope, Node node, Map<String, NodeState> nodes) {
    List<String> parents = node.needs();
    int done = 0;
    int succeeded = 0;
    int failed = 0;
    for (String parent : parents) {
      NodeState state = NodeState.of(nodes, scope.path(parent));
      if (state.status().terminal()) {
        done++;
        if (state.countsAsSuccess()) {
          succeeded++;
        } else if (state.status() == NodeStatus.FAILED) {
          failed++;
        }
      }
    }
    boolean allDone = done == parents.size();
    return switch (node.trigger()) {
      case ALL_SUCCESS -> {
        if (done > succeeded) {
          yield failed > 0 ? UPSTREAM_FAILED : UPSTREAM_SKIPPED;
        }
        yield allDone ? RUN : WAIT;
      }
      case ALL_DONE -> allDone ? RUN : WAIT;
      case ONE_SUCCESS -> {
        if (succeeded > 0 || parents.isEmpty()) {
          yield RUN;
        }
        if (allDone) {
          yield failed > 0 ? UPSTREAM_FAILED : UPSTREAM_SKIPPED;
        }
        yield WAIT;
      }
      // once one parent failed the outcome cannot change, so skip without waiting for the rest
      case NONE_FAILED -> failed > 0 ? UPSTREAM_FAILED : allDone ? RUN : WAIT;
    };
  }
}
