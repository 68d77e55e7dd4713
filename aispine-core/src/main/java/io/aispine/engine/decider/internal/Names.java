package io.aispine.engine.decider.internal;

import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeState;
import io.aispine.flow.FlowGraph;
import io.aispine.flow.ForeachNode;
import io.aispine.flow.LoopNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names that flow expressions and templates see: {@code inputs}, {@code nodes.<id>.output /
 * error / status}, {@code execution.id / flow / version} and {@code context}; inside a loop's body
 * {@code loop.iteration} and {@code loop.outputs}, inside a foreach's body {@code item} and {@code
 * item_index}.
 *
 * <p>Inside a body, {@code nodes.<id>} names the instance of the same iteration, item or branch;
 * the nodes of the scopes around it stay visible by their ids (ids are unique in a flow).
 */
public final class Names {

  private Names() {}

  /** Builds the names of the flow's top level from the working node states of a decision. */
  public static Map<String, Object> of(
      FlowGraph graph, ExecutionState execution, Map<String, NodeState> nodes) {
    return of(execution, nodes, Scope.root(graph));
  }

  /** Builds the names an expression standing in {@code scope} sees. */
  public static Map<String, Object> of(
      ExecutionState execution, Map<String, NodeState> nodes, Scope scope) {
    var chain = new ArrayList<Scope>(2);
    for (Scope s = scope; s != null; s = s.parent()) {
      chain.add(0, s);
    }
    var nodeNames = new HashMap<String, Object>();
    for (Scope s : chain) {
      for (String id : s.graph().order()) {
        nodeNames.put(id, view(NodeState.of(nodes, s.path(id))));
      }
    }
    var names = new HashMap<String, Object>(12);
    names.put("inputs", execution.inputs());
    names.put("nodes", nodeNames);
    names.put(
        "execution",
        Map.of(
            "id", execution.id(), "flow", execution.flowId(), "version", execution.flowVersion()));
    names.put("context", Map.of());
    for (Scope s = scope; s != null && !s.isRoot(); s = s.parent()) {
      NodeState container = NodeState.of(nodes, s.container());
      if (s.node() instanceof LoopNode && !names.containsKey("loop")) {
        names.put("loop", loopNames(Integer.parseInt(s.instance()), Progress.outputs(container)));
      } else if (s.node() instanceof ForeachNode && !names.containsKey("item")) {
        int index = Integer.parseInt(s.instance());
        names.put("item", Progress.items(container).get(index));
        names.put("item_index", index);
      }
    }
    return names;
  }

  /** The {@code loop} name: the iteration number (from 1) and the outputs of those completed. */
  static Map<String, Object> loopNames(int iteration, List<Object> outputs) {
    var loop = new HashMap<String, Object>(4);
    loop.put("iteration", iteration);
    loop.put("outputs", outputs);
    return loop;
  }

  private static Map<String, Object> view(NodeState state) {
    // HashMap, not Map.of: output and error are null until the node produces them
    var node = new HashMap<String, Object>(4);
    node.put("output", state.output());
    node.put("error", state.error() == null ? null : state.error().toMap());
    node.put("status", state.status().wireName());
    return node;
  }
}
