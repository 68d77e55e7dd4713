package io.aispine.engine.decider.internal;

import io.aispine.engine.ExecutionNotFinishedException;
import io.aispine.engine.InvalidReplayException;
import io.aispine.engine.ReplayRequest;
import io.aispine.engine.decider.InputValidator;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.ReplayOrigin;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.DidYouMean;
import io.aispine.flow.FlowGraph;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time travel: the initial state of an execution that replays another from one node. Pure, like the
 * decider: the engine starts the result with an ordinary {@code ExecutionStarted} fact.
 *
 * <p>{@code from} and every node downstream of it (through needs, decision branches and {@code
 * on_error} fallbacks) run again. Every other node whose recorded result is final and was reached
 * only through reused nodes keeps that result without calling its agent: a success (with its
 * output, or an override), a failure that {@code on_error} or {@code continue_on_error} handled,
 * and a skip (a branch not taken, or what such a skip skipped). The rest (an unhandled failure, a
 * cancelled node, anything after them) runs again too, as in a fresh execution.
 */
public final class Replays {

  private Replays() {}

  /**
   * The replay's initial state: pinned to the origin's flow version, with the reused nodes already
   * final and the others pending.
   *
   * @param graph the graph of the origin's flow version
   * @param id the new execution's id
   * @param now when the replay is accepted
   * @throws ExecutionNotFinishedException when the origin is still running
   * @throws InvalidReplayException when {@code from} or an output override does not fit
   * @throws io.aispine.engine.InvalidInputsException when the merged inputs do not fit the flow
   */
  public static ExecutionState plan(
      FlowGraph graph, ExecutionState origin, ReplayRequest request, String id, Instant now) {
    if (!origin.status().terminal()) {
      throw new ExecutionNotFinishedException(
          origin.id(),
          "execution "
              + origin.id()
              + " is still "
              + origin.status().wireName()
              + "; replay it once it has finished, or cancel it first");
    }
    String from = topLevel(graph, origin, request.from());
    Set<String> rerun = downstream(graph, from);
    Set<String> reused = reusable(graph, origin, rerun);
    checkOverrides(graph, origin, request.outputs(), rerun, reused);
    var merged = new LinkedHashMap<String, Object>(origin.inputs());
    merged.putAll(request.inputs());
    Map<String, Object> inputs = InputValidator.validate(graph.flow(), merged);

    var nodes = new LinkedHashMap<String, NodeState>();
    for (String node : graph.order()) {
      if (!reused.contains(node)) {
        nodes.put(node, NodeState.PENDING);
        continue;
      }
      NodeState recorded = origin.node(node);
      Object output =
          request.outputs().containsKey(node) ? request.outputs().get(node) : recorded.output();
      nodes.put(node, reusedState(recorded, output, now));
      // nested instances (loop iterations, foreach items) of a reused node come with it
      String prefix = node + "/";
      origin.nodes().entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .forEach(
              e -> nodes.put(e.getKey(), reusedState(e.getValue(), e.getValue().output(), now)));
    }
    var overridden = graph.order().stream().filter(request.outputs()::containsKey).toList();
    var replayOf =
        new ReplayOrigin(
            origin.id(),
            from,
            graph.order().stream().filter(reused::contains).toList(),
            overridden);
    return new ExecutionState(
        id,
        origin.flowId(),
        origin.flowVersion(),
        ExecutionStatus.RUNNING,
        inputs,
        nodes,
        Map.of(),
        null,
        now,
        null,
        0,
        null,
        replayOf,
        origin.agents()); // a replay calls the agent versions its origin was pinned to
  }

  /**
   * Records in the history, right after {@code execution.started}, each node the replay took from
   * its origin, so that the history says why no agent ran for it.
   */
  static void announce(Draft d) {
    ReplayOrigin origin = d.before().replayOf();
    if (origin == null) {
      return;
    }
    for (String node : origin.reused()) {
      NodeState state = d.node(node);
      var data = new LinkedHashMap<String, Object>(4);
      data.put("origin", origin.execution());
      data.put("status", state.status().wireName());
      if (origin.overridden().contains(node)) {
        data.put("overridden", true);
      }
      d.emit(EventType.NODE_REUSED, node, 0, data);
    }
  }

  /** The data of {@code execution.started} for a replay: where it came from. */
  static Map<String, Object> startedData(ReplayOrigin origin) {
    var data = new LinkedHashMap<String, Object>(2);
    data.put("execution", origin.execution());
    data.put("from", origin.from());
    return data;
  }

  /** The top-level node {@code from} names: the first segment of an instance path. */
  private static String topLevel(FlowGraph graph, ExecutionState origin, String from) {
    String flowRef = origin.flowId() + "@" + origin.flowVersion();
    if (from.isBlank()) { // never null: ReplayRequest requires it
      throw new InvalidReplayException(
          "/from",
          "field /from must name a node of flow "
              + flowRef
              + " to replay from; its nodes: "
              + String.join(", ", graph.order()));
    }
    int slash = from.indexOf('/');
    String node = slash < 0 ? from : from.substring(0, slash);
    if (!graph.order().contains(node)) {
      throw new InvalidReplayException(
          "/from",
          "flow "
              + flowRef
              + " has no node '"
              + clip(node)
              + "'"
              + DidYouMean.hint(node, graph.order())
              + "; its nodes: "
              + String.join(", ", graph.order()));
    }
    return node;
  }

  /** {@code from} and everything that depends on it, transitively. */
  private static Set<String> downstream(FlowGraph graph, String from) {
    var all = new LinkedHashSet<String>();
    var frontier = new ArrayDeque<String>();
    all.add(from);
    frontier.add(from);
    while (!frontier.isEmpty()) {
      for (String next : graph.dependents(frontier.poll())) {
        if (all.add(next)) {
          frontier.add(next);
        }
      }
    }
    return all;
  }

  /**
   * The nodes outside {@code rerun} whose recorded result is final and whose every parent and
   * activator is reused too: given the same upstream, they would end the same way.
   */
  private static Set<String> reusable(FlowGraph graph, ExecutionState origin, Set<String> rerun) {
    var reused = new LinkedHashSet<String>();
    for (String node : graph.order()) { // upstream first, so their verdict is known
      if (rerun.contains(node) || !keepsResult(origin.node(node))) {
        continue;
      }
      boolean upstreamReused =
          graph.parents(node).stream().allMatch(reused::contains)
              && graph.activators(node).stream().allMatch(reused::contains);
      if (upstreamReused) {
        reused.add(node);
      }
    }
    return reused;
  }

  private static boolean keepsResult(NodeState state) {
    return switch (state.status()) {
      case SUCCEEDED, SKIPPED -> true;
      // a handled failure is a result the flow went on with; an unhandled one is what to redo
      case FAILED -> state.handling() != Handling.NONE;
      case PENDING, SCHEDULED, RUNNING, RETRYING, WAITING, CANCELLED -> false;
    };
  }

  private static void checkOverrides(
      FlowGraph graph,
      ExecutionState origin,
      Map<String, Object> outputs,
      Set<String> rerun,
      Set<String> reused) {
    for (String node : outputs.keySet()) {
      String pointer = "/outputs/" + node.replace("~", "~0").replace("/", "~1");
      String problem = overrideProblem(graph, origin, node, outputs, rerun, reused);
      if (problem != null) {
        throw new InvalidReplayException(pointer, "cannot override the output of " + problem);
      }
    }
  }

  private static String overrideProblem(
      FlowGraph graph,
      ExecutionState origin,
      String node,
      Map<String, Object> outputs,
      Set<String> rerun,
      Set<String> reused) {
    if (!graph.order().contains(node)) {
      return "'"
          + clip(node)
          + "': the flow has no such node"
          + DidYouMean.hint(node, graph.order());
    }
    if (rerun.contains(node)) {
      return "'"
          + node
          + "': it runs again in this replay (it is the node replayed from or downstream of it);"
          + " only the output of a reused node can be replaced";
    }
    NodeState recorded = origin.node(node);
    if (!reused.contains(node)) {
      return "'"
          + node
          + "': it is not reused ("
          + (keepsResult(recorded)
              ? "a node it depends on runs again"
              : "it ended " + recorded.status().wireName() + " in " + origin.id())
          + "), so it runs again";
    }
    if (recorded.status() != NodeStatus.SUCCEEDED) {
      return "'"
          + node
          + "': it ended "
          + recorded.status().wireName()
          + " in "
          + origin.id()
          + "; only a succeeded node's output can be replaced";
    }
    if (graph.node(node) instanceof DecisionNode) {
      return "'"
          + node
          + "': it is a decision, and the branches it took are reused; replay from it instead";
    }
    List<String> stale = new ArrayList<>();
    for (String dependent : graph.dependents(node)) {
      if (reused.contains(dependent) && !outputs.containsKey(dependent)) {
        stale.add(dependent);
      }
    }
    if (!stale.isEmpty()) {
      return "'"
          + node
          + "': "
          + String.join(", ", stale)
          + " reuse a result computed from its recorded output; override "
          + (stale.size() == 1 ? "it" : "them")
          + " too, or replay from "
          + stale.getFirst();
    }
    return null;
  }

  /** A reused node: its recorded result, but no attempt of this execution. */
  private static NodeState reusedState(NodeState recorded, Object output, Instant now) {
    return new NodeState(
        recorded.status(),
        0,
        0,
        output,
        recorded.error(),
        recorded.handling(),
        recorded.reason(),
        null,
        now,
        1);
  }

  private static String clip(String text) {
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
