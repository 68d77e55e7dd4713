package io.aispine.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edges of a flow, derived once from its nodes.
 *
 * <p>A node has <em>parents</em> (its {@code needs}, read by its trigger rule) and may have
 * <em>activators</em>: the decisions that name it as a branch target and the nodes that name it as
 * their {@code on_error} fallback. A node with activators is conditional: it runs only if one of
 * them activates it, and is skipped once all of them have finished without doing so.
 */
public final class FlowGraph {

  private final Flow flow;
  private final Map<String, Node> nodes;
  private final Map<String, Integer> position;
  private final Map<String, FlowGraph> bodies;
  private final Map<String, Map<String, FlowGraph>> branches;
  private final Map<String, Set<String>> activators;
  private final Map<String, List<String>> dependents;
  private final List<String> order;

  private FlowGraph(Flow flow, List<Node> scopeNodes) {
    this.flow = flow;
    var byId = new LinkedHashMap<String, Node>();
    scopeNodes.forEach(n -> byId.put(n.id(), n));
    this.nodes = Collections.unmodifiableMap(byId);

    var bodyGraphs = new LinkedHashMap<String, FlowGraph>();
    var branchGraphs = new LinkedHashMap<String, Map<String, FlowGraph>>();
    for (Node node : scopeNodes) {
      switch (node) {
        case LoopNode loop -> bodyGraphs.put(loop.id(), new FlowGraph(flow, loop.body()));
        case ForeachNode each -> bodyGraphs.put(each.id(), new FlowGraph(flow, each.body()));
        case ForkNode fork -> {
          var named = new LinkedHashMap<String, FlowGraph>();
          fork.branches().forEach((name, nodes) -> named.put(name, new FlowGraph(flow, nodes)));
          branchGraphs.put(fork.id(), Collections.unmodifiableMap(named));
        }
        default -> {}
      }
    }
    this.bodies = Collections.unmodifiableMap(bodyGraphs);
    this.branches = Collections.unmodifiableMap(branchGraphs);

    var act = new LinkedHashMap<String, Set<String>>();
    for (Node node : scopeNodes) {
      if (node instanceof DecisionNode decision) {
        for (String target : decision.targets()) {
          act.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(node.id());
        }
      }
      if (node.options().onError() != null) {
        act.computeIfAbsent(node.options().onError(), k -> new LinkedHashSet<>()).add(node.id());
      }
    }
    act.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    this.activators = Collections.unmodifiableMap(act);

    var deps = new LinkedHashMap<String, List<String>>();
    byId.keySet().forEach(id -> deps.put(id, new ArrayList<>()));
    for (Node node : scopeNodes) {
      for (String upstream : upstreamOf(node.id())) {
        deps.get(upstream).add(node.id());
      }
    }
    deps.replaceAll((k, v) -> List.copyOf(v));
    this.dependents = Collections.unmodifiableMap(deps);

    var edges = new LinkedHashMap<String, List<String>>();
    byId.keySet().forEach(id -> edges.put(id, upstreamOf(id)));
    List<String> cycle = findCycle(edges);
    if (!cycle.isEmpty()) {
      throw new IllegalArgumentException(
          "flow " + flow.id() + " has a cycle: " + String.join(" -> ", cycle));
    }
    this.order = topologicalOrder(edges);
    var at = new java.util.HashMap<String, Integer>();
    for (int i = 0; i < order.size(); i++) {
      at.put(order.get(i), i);
    }
    this.position = Collections.unmodifiableMap(at);
  }

  /** Builds the graph of a validated flow: its top-level nodes, with a graph per body. */
  public static FlowGraph of(Flow flow) {
    return new FlowGraph(flow, flow.nodes());
  }

  /**
   * The graph of a container's body: the body of a {@code loop} or {@code foreach} node (whatever
   * {@code instance}), or the branch named {@code instance} of a {@code fork} node.
   *
   * @return the graph, or null when the node is no container or the fork has no such branch
   */
  public FlowGraph scope(String containerId, String instance) {
    FlowGraph body = bodies.get(containerId);
    if (body != null) {
      return body;
    }
    Map<String, FlowGraph> named = branches.get(containerId);
    return named == null ? null : named.get(instance);
  }

  /** True when this graph has a node with this id. */
  public boolean contains(String id) {
    return nodes.containsKey(id);
  }

  /** The node's position in {@link #order()}, or -1 when this graph has no such node. */
  public int position(String id) {
    return position.getOrDefault(id, -1);
  }

  /** The nodes nothing in this graph waits for, in order: the results of a body. */
  public List<String> sinks() {
    return order.stream().filter(id -> dependents(id).isEmpty()).toList();
  }

  /** The flow this graph was built from. */
  public Flow flow() {
    return flow;
  }

  /** The node with this id; throws when there is none. */
  public Node node(String id) {
    Node node = nodes.get(id);
    if (node == null) {
      throw new IllegalArgumentException("flow " + flow.id() + " has no node '" + id + "'");
    }
    return node;
  }

  /** Node ids in an order where every node comes after all its parents and activators. */
  public List<String> order() {
    return order;
  }

  /** The node's explicit parents ({@code needs}). */
  public List<String> parents(String id) {
    return node(id).needs();
  }

  /** Decisions and failing nodes that can activate this node; empty when unconditional. */
  public Set<String> activators(String id) {
    return activators.getOrDefault(id, Set.of());
  }

  /** Nodes whose readiness may change when this node changes: its children and its targets. */
  public List<String> dependents(String id) {
    return dependents.getOrDefault(id, List.of());
  }

  /** Nodes with neither parents nor activators: they start with the execution. */
  public List<String> roots() {
    return order.stream()
        .filter(id -> node(id).needs().isEmpty() && activators(id).isEmpty())
        .toList();
  }

  private List<String> upstreamOf(String id) {
    var up = new LinkedHashSet<>(nodes.get(id).needs());
    up.addAll(activators.getOrDefault(id, Set.of()));
    return List.copyOf(up);
  }

  /**
   * Finds a cycle in a graph given as node to upstream nodes (unknown upstream ids are ignored).
   *
   * @return the nodes on one cycle, first node repeated at the end ({@code a -> b -> a}), or an
   *     empty list when the graph is acyclic
   */
  public static List<String> findCycle(Map<String, List<String>> upstream) {
    // Depth-first with an explicit stack: a chain of many thousand nodes would overflow the
    // thread's stack if each step were a call (a 240 KB flow made the deploy answer 500).
    var state = new java.util.HashMap<String, Integer>(); // 1 = on the path, 2 = done
    for (String start : upstream.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      var path = new ArrayList<String>();
      var next = new ArrayDeque<java.util.Iterator<String>>();
      state.put(start, 1);
      path.add(start);
      next.push(upstream.getOrDefault(start, List.of()).iterator());
      while (!next.isEmpty()) {
        var ups = next.peek();
        if (!ups.hasNext()) {
          next.pop();
          state.put(path.remove(path.size() - 1), 2);
          continue;
        }
        String up = ups.next();
        if (!upstream.containsKey(up)) {
          continue;
        }
        Integer s = state.get(up);
        if (s == null) {
          state.put(up, 1);
          path.add(up);
          next.push(upstream.getOrDefault(up, List.of()).iterator());
        } else if (s == 1) {
          var cycle = new ArrayList<>(path.subList(path.indexOf(up), path.size()));
          cycle.add(up);
          Collections.reverse(cycle); // report in flow direction: upstream first
          return cycle;
        }
      }
    }
    return List.of();
  }

  private static List<String> topologicalOrder(Map<String, List<String>> upstream) {
    var remaining = new LinkedHashMap<String, Integer>();
    var down = new LinkedHashMap<String, List<String>>();
    upstream.forEach(
        (id, ups) -> {
          remaining.put(id, ups.size());
          ups.forEach(u -> down.computeIfAbsent(u, k -> new ArrayList<>()).add(id));
        });
    var ready = new ArrayDeque<String>();
    remaining.forEach(
        (id, n) -> {
          if (n == 0) {
            ready.add(id);
          }
        });
    var out = new ArrayList<String>(upstream.size());
    while (!ready.isEmpty()) {
      String id = ready.poll();
      out.add(id);
      for (String d : down.getOrDefault(id, List.of())) {
        if (remaining.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    return List.copyOf(out);
  }
}
