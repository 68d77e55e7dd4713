package io.aispine.server.internal.mcp;

import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.flow.InputSpec;
import io.aispine.flow.Node;
import io.aispine.flow.TaskNode;
import io.aispine.store.StoredFlow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What MCP clients see of an approved flow version: its id, description, inputs and nodes, and on
 * request its source. Built only from versions {@link ApprovedFlows} returned.
 *
 * @param id the approved id, {@code flow@version}
 * @param flow the parsed flow
 */
record FlowDigest(String id, Flow flow) {

  static FlowDigest of(StoredFlow approved) {
    String id = approved.id() + "@" + approved.version();
    return new FlowDigest(id, FlowParser.parse(approved.source(), id));
  }

  /** The resource URI of this version. */
  String uri() {
    return "ops://approved/" + id;
  }

  /** The short form listed by {@code ops://approved}. */
  Map<String, Object> summary() {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", id);
    view.put("flow", flow.id());
    view.put("version", flow.version().toString());
    view.put("description", flow.description());
    view.put("inputs", inputs());
    view.put("uri", uri());
    return view;
  }

  /** The full form read at {@code ops://approved/{id}}: the summary, the nodes and the source. */
  Map<String, Object> full() {
    var view = summary();
    view.put(
        "nodes",
        flow.nodes().stream()
            .map(
                node -> {
                  var n = new LinkedHashMap<String, Object>();
                  n.put("id", node.id());
                  n.put("kind", node.kind());
                  if (node instanceof TaskNode task) {
                    n.put("agent", task.agent());
                  }
                  n.put("needs", node.needs());
                  return n;
                })
            .toList());
    view.put("source", flow.source());
    return view;
  }

  /** The task nodes (top level) that call {@code agent}. */
  List<TaskNode> tasksOf(String agent) {
    return flow.nodes().stream()
        .filter(TaskNode.class::isInstance)
        .map(TaskNode.class::cast)
        .filter(t -> t.agent().equals(agent))
        .toList();
  }

  /** The agents the top-level task nodes call, in order of first use. */
  List<String> agents() {
    return flow.nodes().stream()
        .filter(TaskNode.class::isInstance)
        .map(n -> ((TaskNode) n).agent())
        .distinct()
        .toList();
  }

  private Map<String, Object> inputs() {
    var inputs = new LinkedHashMap<String, Object>();
    for (InputSpec input : flow.inputs().values()) {
      var spec = new LinkedHashMap<String, Object>();
      spec.put("type", input.type().yamlName());
      spec.put("required", input.required());
      if (!input.description().isEmpty()) {
        spec.put("description", input.description());
      }
      inputs.put(input.name(), spec);
    }
    return inputs;
  }

  /** Every node's id, for messages. */
  static List<String> ids(List<? extends Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }
}
