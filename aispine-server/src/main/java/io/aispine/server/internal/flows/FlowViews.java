package io.aispine.server.internal.flows;

import io.aispine.flow.ApprovalNode;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.Flow;
import io.aispine.flow.ForeachNode;
import io.aispine.flow.ForkNode;
import io.aispine.flow.InputSpec;
import io.aispine.flow.LoopNode;
import io.aispine.flow.Node;
import io.aispine.flow.SubflowNode;
import io.aispine.flow.TaskNode;
import io.aispine.flow.WaitNode;
import io.aispine.store.StoredFlow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of flows: {@code FlowSummary} and {@code FlowVersion} of docs/api.md. */
final class FlowViews {

  private FlowViews() {}

  /** {@code {"id", "version", "description", "created_at"}}. */
  static Map<String, Object> summary(StoredFlow stored, String description) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", stored.id());
    view.put("version", stored.version());
    view.put("description", description);
    view.put("created_at", stored.createdAt());
    return view;
  }

  /** The summary plus inputs, nodes, outputs and the YAML source. */
  static Map<String, Object> version(StoredFlow stored, Flow flow) {
    Map<String, Object> view = summary(stored, flow.description());
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (InputSpec input : flow.inputs().values()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("type", input.type().yamlName());
      spec.put("required", input.required());
      spec.put("default", input.defaultValue());
      spec.put("description", input.description());
      inputs.put(input.name(), spec);
    }
    view.put("inputs", inputs);
    view.put("nodes", nodes(flow.nodes()));
    view.put("outputs", List.copyOf(flow.outputs().keySet()));
    view.put("yaml", stored.source());
    return view;
  }

  /** The nodes of a list, the bodies of loops, foreach and forks nested under their node. */
  private static List<Map<String, Object>> nodes(List<Node> list) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Node node : list) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", node.id());
      n.put("type", node.kind());
      n.put("needs", node.needs());
      switch (node) {
        case TaskNode task -> n.put("agent", task.agent());
        case DecisionNode decision -> n.put("targets", decision.targets());
        case WaitNode wait -> {}
        case LoopNode loop -> {
          n.put("max_iterations", loop.maxIterations());
          n.put("body", nodes(loop.body()));
        }
        case ForeachNode each -> {
          n.put("max_concurrency", each.maxConcurrency());
          n.put("body", nodes(each.body()));
        }
        case ForkNode fork -> {
          n.put("strategy", fork.join().strategy().name().toLowerCase(java.util.Locale.ROOT));
          Map<String, Object> branches = new LinkedHashMap<>();
          fork.branches().forEach((name, branch) -> branches.put(name, nodes(branch)));
          n.put("branches", branches);
        }
        case SubflowNode subflow -> n.put("flow", subflow.flow());
        case ApprovalNode approval -> n.put("approvers", approval.approvers());
      }
      nodes.add(n);
    }
    return nodes;
  }
}
