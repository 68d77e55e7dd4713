package io.aispine.engine.decider.internal;

import io.aispine.flow.FlowGraph;
import io.aispine.flow.ForkNode;
import io.aispine.flow.Node;
import java.util.Comparator;
import java.util.List;

/**
 * Orders node paths so that every node comes after the nodes it depends on in its scope: segment by
 * segment, node ids by their position in their graph's topological order, iterations and items by
 * number, branches by declaration. A container comes before the instances of its body.
 */
final class PathOrder implements Comparator<String> {

  private final FlowGraph root;

  PathOrder(FlowGraph root) {
    this.root = root;
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    String[] x = a.split("/", -1);
    String[] y = b.split("/", -1);
    FlowGraph graph = root;
    for (int i = 0; i < Math.min(x.length, y.length); i += 2) {
      if (!x[i].equals(y[i])) {
        int byOrder = Integer.compare(graph.position(x[i]), graph.position(y[i]));
        return byOrder != 0 ? byOrder : x[i].compareTo(y[i]);
      }
      if (i + 1 >= x.length || i + 1 >= y.length) {
        return Integer.compare(x.length, y.length);
      }
      String p = x[i + 1];
      String q = y[i + 1];
      if (!p.equals(q)) {
        return compareInstances(graph.node(x[i]), p, q);
      }
      graph = graph.scope(x[i], p);
      if (graph == null) {
        return a.compareTo(b);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int compareInstances(Node container, String p, String q) {
    if (container instanceof ForkNode fork) {
      List<String> names = List.copyOf(fork.branches().keySet());
      return Integer.compare(names.indexOf(p), names.indexOf(q));
    }
    if (p.length() != q.length()) {
      return Integer.compare(p.length(), q.length()); // numbers without leading zeros
    }
    return p.compareTo(q);
  }
}
