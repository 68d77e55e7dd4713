package io.aispine.engine.decider.internal;

import io.aispine.execution.NodeState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running container remembers, kept as its node's output while it runs (the way a wait node
 * keeps what it waits for): a loop its current iteration and the outputs of those completed, a
 * foreach its items and how many have started and finished. Plain maps, so that the state's JSON
 * form holds them as they are.
 */
final class Progress {

  private Progress() {}

  static Map<String, Object> loop(int iteration, List<Object> outputs) {
    var progress = new LinkedHashMap<String, Object>(2);
    progress.put("iteration", iteration);
    progress.put("outputs", outputs);
    return progress;
  }

  static Map<String, Object> foreach(List<Object> items, int started, int finished) {
    var progress = new LinkedHashMap<String, Object>(3);
    progress.put("items", items);
    progress.put("started", started);
    progress.put("finished", finished);
    return progress;
  }

  static int iteration(NodeState loop) {
    return number(loop, "iteration");
  }

  @SuppressWarnings("unchecked")
  static List<Object> outputs(NodeState loop) {
    return field(loop, "outputs") instanceof List<?> list ? (List<Object>) list : List.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> items(NodeState foreach) {
    return field(foreach, "items") instanceof List<?> list ? (List<Object>) list : List.of();
  }

  static int started(NodeState foreach) {
    return number(foreach, "started");
  }

  static int finished(NodeState foreach) {
    return number(foreach, "finished");
  }

  private static int number(NodeState state, String name) {
    return field(state, name) instanceof Number n ? n.intValue() : 0;
  }

  private static Object field(NodeState state, String name) {
    return state.output() instanceof Map<?, ?> map ? map.get(name) : null;
  }
}
