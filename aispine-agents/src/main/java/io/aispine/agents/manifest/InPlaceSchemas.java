package io.aispine.agents.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The graph of schemas that apply at the same place of a value, one through another: an edge for
 * each {@code $ref} and for each {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code
 * if}/{@code then}/{@code else} and {@code dependentSchemas} member. A cycle in it is recursion
 * with no base case (the validator would apply the same schemas to the same value until its stack
 * overflows); a long path overflows the stack too. Walked without recursion, so that a schema
 * cannot overflow the stack of the check meant to protect it.
 */
final class InPlaceSchemas {

  /**
   * One schema applying another at the same place: {@code to} is the pointer of the schema applied,
   * {@code keyword} the pointer of what applies it, {@code reference} the name of the reference
   * keyword ({@code $ref} …), or null for a subschema of {@code allOf} and the like.
   */
  record Edge(String to, String keyword, String reference) {}

  private record Frame(String schema, Edge via, int[] next) {}

  private final Map<String, List<Edge>> edges;
  private final Map<String, Integer> longest = new HashMap<>();
  private final Map<String, Boolean> onPath = new HashMap<>();
  private final List<SchemaRules.Problem> problems = new ArrayList<>();

  /**
   * @param edges every schema of the document (by pointer, the root first) with its edges
   */
  InPlaceSchemas(Map<String, List<Edge>> edges) {
    this.edges = edges;
  }

  /** A problem for each cycle, else one for the longest chain when it is too long. */
  List<SchemaRules.Problem> problems() {
    for (String schema : edges.keySet()) {
      if (!onPath.containsKey(schema)) {
        walk(schema);
      }
    }
    if (problems.isEmpty()) {
      tooLong();
    }
    return problems;
  }

  /** A depth-first walk from {@code start}: marks each schema on the path, then done. */
  private void walk(String start) {
    Deque<Frame> path = new ArrayDeque<>();
    path.push(new Frame(start, null, new int[1]));
    onPath.put(start, true);
    while (!path.isEmpty()) {
      Frame frame = path.peek();
      List<Edge> out = edges.getOrDefault(frame.schema(), List.of());
      if (frame.next()[0] < out.size()) {
        Edge edge = out.get(frame.next()[0]++);
        Boolean state = onPath.get(edge.to());
        if (state == null) {
          onPath.put(edge.to(), true);
          path.push(new Frame(edge.to(), edge, new int[1]));
        } else if (state) {
          cycle(path, edge);
        }
      } else {
        int chain = 0;
        for (Edge edge : out) {
          chain = Math.max(chain, 1 + longest.getOrDefault(edge.to(), -1));
        }
        longest.put(frame.schema(), chain);
        onPath.put(frame.schema(), false);
        path.pop();
      }
    }
  }

  /** Reports the cycle that {@code closing} makes back into {@code path}. */
  private void cycle(Deque<Frame> path, Edge closing) {
    List<Frame> loop = new ArrayList<>();
    for (Frame frame : path) { // from the top of the path down to the schema closing points at
      loop.addFirst(frame);
      if (frame.schema().equals(closing.to())) {
        break;
      }
    }
    Edge blamed = closing;
    for (int i = loop.size() - 1; blamed.reference() == null && i > 0; i--) {
      blamed = loop.get(i).via(); // only references can lead back up the document
    }
    String route =
        loop.stream().map(f -> "#" + f.schema()).collect(Collectors.joining(" → "))
            + " → #"
            + closing.to();
    problems.add(
        new SchemaRules.Problem(
            blamed.keyword(),
            "closes the cycle "
                + route
                + ", which applies the same schemas to the same value without descending into"
                + " it, so checking a value would never end; give the recursion a base case:"
                + " reach it through properties, items or another keyword that descends into the"
                + " value"));
  }

  private void tooLong() {
    String start = null;
    int chain = 0;
    for (String schema : edges.keySet()) { // in document order, so the first of equals is named
      if (longest.getOrDefault(schema, 0) > chain) {
        start = schema;
        chain = longest.get(schema);
      }
    }
    if (chain <= SchemaRules.MAX_IN_PLACE) {
      return;
    }
    for (Edge edge : edges.get(start)) {
      if (1 + longest.getOrDefault(edge.to(), -1) == chain) {
        problems.add(
            new SchemaRules.Problem(
                edge.keyword(),
                "starts a chain of "
                    + chain
                    + " schemas applied one through another at the same place of a value ($ref,"
                    + " allOf, anyOf, oneOf, not, if, then, else, dependentSchemas); at most "
                    + SchemaRules.MAX_IN_PLACE
                    + " may follow one another"));
        return;
      }
    }
  }
}
