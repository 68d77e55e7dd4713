package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks what connects nodes: unique ids, that {@code needs}, branch targets and {@code on_error}
 * name existing nodes other than the node itself, that the graph has no cycle, and that agents
 * exist. Works on the YAML tree, so that it also checks nodes whose other fields are invalid.
 */
final class FlowReferences {

  private final ProblemList problems;
  private final JsonNode nodes;
  private final Map<String, Integer> indexById = new LinkedHashMap<>();

  private FlowReferences(ProblemList problems, JsonNode nodes) {
    this.problems = problems;
    this.nodes = nodes;
  }

  /** Checks the node list at {@code /nodes}; returns the ids of its nodes. */
  static Set<String> check(ProblemList problems, JsonNode nodes, Predicate<String> agentExists) {
    var references = new FlowReferences(problems, nodes);
    references.collectIds();
    var upstream = new LinkedHashMap<String, List<String>>();
    references.indexById.keySet().forEach(id -> upstream.put(id, new ArrayList<>()));
    for (int i = 0; i < nodes.size(); i++) {
      references.checkNode(i, upstream, agentExists);
    }
    references.checkCycle(upstream);
    return references.indexById.keySet();
  }

  private void collectIds() {
    for (int i = 0; i < nodes.size(); i++) {
      String id = idOf(i);
      if (id == null) {
        continue;
      }
      Integer first = indexById.putIfAbsent(id, i);
      if (first != null) {
        problems.value(
            pointer(i) + "/id",
            "duplicate node id '"
                + id
                + "': lines "
                + problems.locationOf(pointer(first) + "/id").line()
                + " and "
                + problems.locationOf(pointer(i) + "/id").line()
                + "; node ids must be unique");
      }
    }
  }

  private void checkNode(int index, Map<String, List<String>> upstream, Predicate<String> agents) {
    String id = idOf(index);
    if (id == null || indexById.get(id) != index) {
      return; // unnamed or duplicate: already reported, and references would be ambiguous
    }
    JsonNode node = nodes.get(index);
    String base = pointer(index);
    for (Target need : targets(node.get("needs"), base + "/needs")) {
      if (need.id.equals(id)) {
        problems.value(need.pointer, "node '" + id + "' needs itself; remove it from needs");
      } else if (known(need, "node '" + id + "' needs unknown node")) {
        upstream.get(id).add(need.id);
      }
    }
    if ("decision".equals(text(node.get("type")))) {
      var branches = new ArrayList<Target>();
      JsonNode when = node.get("when");
      for (int i = 0; when != null && when.isArray() && i < when.size(); i++) {
        branches.addAll(targets(when.get(i).get("then"), base + "/when/" + i + "/then"));
      }
      branches.addAll(targets(node.get("else"), base + "/else"));
      for (Target target : branches) {
        activate(
            id, target, "decision '" + id + "' cannot branch to itself", upstream, "branches to");
      }
    }
    JsonNode onError = node.get("on_error");
    if (onError != null && onError.isTextual()) {
      var target = new Target(onError.textValue(), base + "/on_error");
      activate(
          id,
          target,
          "node '" + id + "' cannot be its own on_error handler",
          upstream,
          "on_error names");
    }
    checkAgent(text(node.get("agent")), base + "/agent", id, "uses", agents);
    checkAgent(text(node.get("fallback")), base + "/fallback", id, "falls back to", agents);
  }

  private void checkAgent(
      String agent, String pointer, String id, String verb, Predicate<String> agents) {
    if (agent != null && NodeReader.validAgentReference(agent)) {
      String name = agent.contains("@") ? agent.substring(0, agent.indexOf('@')) : agent;
      if (!agents.test(name)) {
        problems.value(
            pointer,
            "node '"
                + id
                + "' "
                + verb
                + " unknown agent '"
                + name
                + "'; deploy or register it first");
      }
    }
  }

  /** Records that {@code source} activates {@code target}: an edge for cycle detection. */
  private void activate(
      String source,
      Target target,
      String selfMessage,
      Map<String, List<String>> upstream,
      String verb) {
    if (target.id.equals(source)) {
      problems.value(target.pointer, selfMessage);
    } else if (known(target, "node '" + source + "' " + verb + " unknown node")) {
      upstream.get(target.id).add(source);
    }
  }

  private boolean known(Target target, String message) {
    if (indexById.containsKey(target.id)) {
      return true;
    }
    problems.value(
        target.pointer,
        message + " '" + target.id + "'" + DidYouMean.hint(target.id, indexById.keySet()));
    return false;
  }

  private void checkCycle(Map<String, List<String>> upstream) {
    List<String> cycle = FlowGraph.findCycle(upstream);
    if (cycle.isEmpty()) {
      return;
    }
    problems.value(
        pointer(indexById.get(cycle.get(0))),
        "cycle: "
            + String.join(" -> ", cycle)
            + " (needs, decision branches and on_error must not lead back to a node)");
  }

  private List<Target> targets(JsonNode value, String pointer) {
    var found = new ArrayList<Target>();
    if (value == null) {
      return found;
    }
    if (value.isTextual()) {
      found.add(new Target(value.textValue(), pointer));
    } else if (value.isArray()) {
      var seen = new LinkedHashSet<String>();
      for (int i = 0; i < value.size(); i++) {
        if (value.get(i).isTextual() && seen.add(value.get(i).textValue())) {
          found.add(new Target(value.get(i).textValue(), pointer + "/" + i));
        }
      }
    }
    return found;
  }

  private String idOf(int index) {
    JsonNode node = nodes.get(index);
    String id = node == null ? null : text(node.get("id"));
    return id != null && NodeReader.ID.matcher(id).matches() ? id : null;
  }

  private static String text(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String pointer(int index) {
    return "/nodes/" + index;
  }

  private record Target(String id, String pointer) {}
}
