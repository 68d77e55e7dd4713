package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
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
  private final String base;

  /** Every node id of the flow, in every body: ids are unique across the whole flow. */
  private final Map<String, String> everyId;

  private final Map<String, Integer> indexById = new LinkedHashMap<>();

  private FlowReferences(
      ProblemList problems, JsonNode nodes, String base, Map<String, String> everyId) {
    this.problems = problems;
    this.nodes = nodes;
    this.base = base;
    this.everyId = everyId;
  }

  /**
   * Checks the node list at {@code /nodes} and every body inside it (each body is a graph of its
   * own: its nodes may only need, branch to and fall back on nodes of the same body); returns the
   * ids of every node of the flow, in every body.
   */
  static Set<String> check(ProblemList problems, JsonNode nodes, Predicate<String> agentExists) {
    var scopes = new LinkedHashMap<String, JsonNode>();
    collectScopes("/nodes", nodes, scopes);
    var everyId = new LinkedHashMap<String, String>(); // id -> pointer of its first declaration
    for (var scope : scopes.entrySet()) {
      var references = new FlowReferences(problems, scope.getValue(), scope.getKey(), everyId);
      references.collectIds();
    }
    for (var scope : scopes.entrySet()) {
      var references = new FlowReferences(problems, scope.getValue(), scope.getKey(), everyId);
      references.indexIds();
      var upstream = new LinkedHashMap<String, List<String>>();
      references.indexById.keySet().forEach(id -> upstream.put(id, new ArrayList<>()));
      for (int i = 0; i < scope.getValue().size(); i++) {
        references.checkNode(i, upstream, agentExists);
      }
      references.checkCycle(upstream);
    }
    return Collections.unmodifiableSet(everyId.keySet());
  }

  /** The node list at {@code pointer} and, recursively, every body and branch inside it. */
  static void collectScopes(String pointer, JsonNode list, Map<String, JsonNode> scopes) {
    if (list == null || !list.isArray()) {
      return;
    }
    scopes.put(pointer, list);
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String at = pointer + "/" + i;
      String type = node == null ? null : text(node.get("type"));
      if ("loop".equals(type) || "foreach".equals(type)) {
        collectScopes(at + "/body", node.get("body"), scopes);
      } else if ("fork".equals(type) && node.get("branches") instanceof ObjectNode branches) {
        for (var it = branches.fields(); it.hasNext(); ) {
          var branch = it.next();
          collectScopes(
              LocatedYaml.child(at + "/branches", branch.getKey()), branch.getValue(), scopes);
        }
      }
    }
  }

  private void collectIds() {
    for (int i = 0; i < nodes.size(); i++) {
      String id = idOf(i);
      if (id == null) {
        continue;
      }
      String first = everyId.putIfAbsent(id, pointer(i));
      if (first != null) {
        problems.value(
            pointer(i) + "/id",
            "duplicate node id '"
                + id
                + "': lines "
                + problems.locationOf(first + "/id").line()
                + " and "
                + problems.locationOf(pointer(i) + "/id").line()
                + "; node ids must be unique in the whole flow, bodies included");
      }
    }
  }

  /** Indexes this list's ids that are declared here first (duplicates are already reported). */
  private void indexIds() {
    for (int i = 0; i < nodes.size(); i++) {
      String id = idOf(i);
      if (id != null && pointer(i).equals(everyId.get(id))) {
        indexById.put(id, i);
      }
    }
  }

  private void checkNode(int index, Map<String, List<String>> upstream, Predicate<String> agents) {
    String id = idOf(index);
    if (id == null || !Integer.valueOf(index).equals(indexById.get(id))) {
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
      if (node.get("cases") instanceof ObjectNode cases) {
        for (var it = cases.fields(); it.hasNext(); ) {
          var entry = it.next();
          branches.addAll(
              targets(entry.getValue(), LocatedYaml.child(base + "/cases", entry.getKey())));
        }
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
        problems.value(pointer, AgentNames.unknown(id, verb, name, agents));
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
    if (everyId.containsKey(target.id)) {
      problems.value(
          target.pointer,
          message.replace(" unknown node", " node")
              + " '"
              + target.id
              + "', which is outside its own node list: a loop, foreach or fork branch body is a"
              + " graph of its own (read other nodes' outputs with ${nodes.<id>.output} instead)");
      return false;
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

  private String pointer(int index) {
    return base + "/" + index;
  }

  private record Target(String id, String pointer) {}
}
