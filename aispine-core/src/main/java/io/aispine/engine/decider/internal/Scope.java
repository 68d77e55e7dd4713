package io.aispine.engine.decider.internal;

import io.aispine.flow.FlowGraph;
import io.aispine.flow.ForkNode;
import io.aispine.flow.Node;

/**
 * Where a node instance lives: the graph of its node list and the path prefix of its instances. The
 * flow's top level is the root scope (prefix {@code ""}); iteration 3 of loop {@code refine} is the
 * scope with prefix {@code refine/3/}, item 17 of foreach {@code guests} {@code guests/17/}, branch
 * {@code fast} of fork {@code race} {@code race/fast/}. Scopes nest.
 *
 * @param graph the graph of the nodes of this scope
 * @param prefix the path prefix of this scope's instances, ending in {@code /} (empty at the root)
 * @param parent the enclosing scope, or null at the root
 * @param container the path of the loop, foreach or fork node this scope is an instance of, or null
 *     at the root
 * @param node that container node, or null at the root
 * @param instance the iteration (from 1), item index (from 0) or branch name, or null at the root
 */
public record Scope(
    FlowGraph graph, String prefix, Scope parent, String container, Node node, String instance) {

  /** The top level of a flow. */
  public static Scope root(FlowGraph graph) {
    return new Scope(graph, "", null, null, null, null);
  }

  /** The path of this scope's node {@code id}. */
  public String path(String id) {
    return prefix + id;
  }

  /** The instance {@code instance} of the container node {@code id} of this scope. */
  public Scope child(String id, String instance) {
    FlowGraph inner = graph.scope(id, instance);
    if (inner == null) {
      throw new IllegalArgumentException(
          "node '" + path(id) + "' has no body instance '" + instance + "'");
    }
    return new Scope(
        inner, prefix + id + "/" + instance + "/", this, path(id), graph.node(id), instance);
  }

  /** True at the flow's top level. */
  public boolean isRoot() {
    return parent == null;
  }

  /**
   * Finds the node instance a path names.
   *
   * @return the scope and node, or null when the path names no node of the flow (a malformed path,
   *     an unknown node, or a fork branch that does not exist)
   */
  public static Located locate(FlowGraph root, String path) {
    String[] segments = path.split("/", -1);
    if (segments.length % 2 == 0) {
      return null;
    }
    Scope scope = root(root);
    for (int i = 0; ; i += 2) {
      String id = segments[i];
      if (!scope.graph.contains(id)) {
        return null;
      }
      if (i == segments.length - 1) {
        return new Located(scope, id, scope.graph.node(id));
      }
      String instance = segments[i + 1];
      Node node = scope.graph.node(id);
      boolean valid =
          switch (node) {
            case io.aispine.flow.LoopNode loop -> isNumber(instance, 1);
            case io.aispine.flow.ForeachNode each -> isNumber(instance, 0);
            case ForkNode fork -> fork.branches().containsKey(instance);
            default -> false;
          };
      if (!valid) {
        return null;
      }
      scope = scope.child(id, instance);
    }
  }

  private static boolean isNumber(String text, int min) {
    if (text.isEmpty() || text.length() > 9 || (text.length() > 1 && text.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return Integer.parseInt(text) >= min;
  }

  /**
   * A node instance found by its path.
   *
   * @param scope the scope it lives in
   * @param id the node's id
   * @param node the node's definition
   */
  public record Located(Scope scope, String id, Node node) {

    /** The instance's path. */
    public String path() {
      return scope.path(id);
    }
  }
}
