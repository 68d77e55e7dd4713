package io.aispine.cli.execution;

import io.aispine.api.Execution;
import io.aispine.api.NodeState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two executions, node by node: status, output, and whether each side ran the
 * node, reused its result from another execution, or did neither.
 *
 * @param a the first execution's id
 * @param b the second execution's id
 * @param nodes every node path of either, in the first's order then the second's
 * @param inputs the inputs whose values differ, name to {@code [a, b]}
 * @param outputs the flow outputs whose values differ, name to {@code [a, b]}
 */
record ExecutionDiff(
    String a,
    String b,
    List<NodeDiff> nodes,
    Map<String, List<Object>> inputs,
    Map<String, List<Object>> outputs) {

  /** One node on both sides; a side is null where the execution has no such node. */
  record NodeDiff(String path, Side a, Side b, boolean differs) {}

  /**
   * A node in one execution.
   *
   * @param how {@code reused} (taken from the origin of a replay), {@code overridden} (reused with
   *     an output the replay request replaced), {@code ran} (an agent was called), or {@code -}
   *     (skipped, evaluated inline, or not reached)
   */
  record Side(String status, Object output, String how) {}

  /** Compares {@code a} with {@code b}. */
  static ExecutionDiff of(Execution a, Execution b) {
    Map<String, NodeState> left = byPath(a);
    Map<String, NodeState> right = byPath(b);
    var paths = new LinkedHashSet<String>(left.keySet());
    paths.addAll(right.keySet());
    var nodes = new ArrayList<NodeDiff>(paths.size());
    for (String path : paths) {
      Side l = side(a, left.get(path));
      Side r = side(b, right.get(path));
      boolean differs =
          l == null
              || r == null
              || !l.status().equals(r.status())
              || !Objects.equals(l.output(), r.output());
      nodes.add(new NodeDiff(path, l, r, differs));
    }
    return new ExecutionDiff(
        a.id(),
        b.id(),
        List.copyOf(nodes),
        changed(a.inputs(), b.inputs()),
        changed(a.outputs(), b.outputs()));
  }

  /** The nodes whose status or output differ. */
  List<NodeDiff> differing() {
    return nodes.stream().filter(NodeDiff::differs).toList();
  }

  private static Map<String, NodeState> byPath(Execution e) {
    var map = new LinkedHashMap<String, NodeState>();
    e.nodes().forEach(n -> map.put(n.path(), n));
    return map;
  }

  private static Side side(Execution e, NodeState n) {
    if (n == null) {
      return null;
    }
    boolean overridden = e.replayOf() != null && e.replayOf().overridden().contains(n.path());
    String how =
        overridden ? "overridden" : n.reused() ? "reused" : n.runs().isEmpty() ? "-" : "ran";
    return new Side(n.status(), n.output(), how);
  }

  private static Map<String, List<Object>> changed(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> left = a == null ? Map.of() : a;
    Map<String, Object> right = b == null ? Map.of() : b;
    var names = new LinkedHashSet<String>(left.keySet());
    names.addAll(right.keySet());
    var changed = new LinkedHashMap<String, List<Object>>();
    for (String name : names) {
      Object l = left.get(name);
      Object r = right.get(name);
      if (!Objects.equals(l, r) || left.containsKey(name) != right.containsKey(name)) {
        var pair = new ArrayList<Object>(2); // nulls are values here
        pair.add(l);
        pair.add(r);
        changed.put(name, pair);
      }
    }
    return changed;
  }
}
