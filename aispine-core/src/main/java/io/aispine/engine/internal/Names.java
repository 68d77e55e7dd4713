package io.aispine.engine.internal;

import io.aispine.engine.ExecutionState;
import io.aispine.engine.NodeState;
import io.aispine.flow.FlowGraph;
import java.util.HashMap;
import java.util.Map;

/**
 * The names that flow expressions and templates see: {@code inputs}, {@code nodes.<id>.output /
 * error / status}, {@code execution.id / flow / version} and {@code context}.
 */
public final class Names {

  private Names() {}

  /** Builds the names from the working node states of a decision. */
  public static Map<String, Object> of(
      FlowGraph graph, ExecutionState execution, Map<String, NodeState> nodes) {
    var nodeNames = new HashMap<String, Object>(graph.order().size() * 2);
    for (String id : graph.order()) {
      NodeState state = nodes.getOrDefault(id, NodeState.PENDING);
      // HashMap, not Map.of: output and error are null until the node produces them
      var node = new HashMap<String, Object>(4);
      node.put("output", state.output());
      node.put("error", state.error() == null ? null : state.error().toMap());
      node.put("status", state.status().wireName());
      nodeNames.put(id, node);
    }
    var names = new HashMap<String, Object>(8);
    names.put("inputs", execution.inputs());
    names.put("nodes", nodeNames);
    names.put(
        "execution",
        Map.of(
            "id", execution.id(), "flow", execution.flowId(), "version", execution.flowVersion()));
    names.put("context", Map.of());
    return names;
  }
}
