package io.aispine.server.internal.executions;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.ReplayOrigin;
import io.aispine.execution.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of executions and events of docs/api.md. */
public final class ExecutionViews {

  private ExecutionViews() {}

  /** {@code ExecutionSummary}: id, flow, version, status, times and error. */
  public static Map<String, Object> summary(ExecutionState state) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", state.id());
    view.put("flow", state.flowId());
    view.put("version", state.flowVersion());
    view.put("status", state.status().wireName());
    view.put("created_at", state.createdAt());
    view.put("finished_at", state.finishedAt());
    view.put("error", error(state.error()));
    view.put("replay_of", replayOf(state.replayOf()));
    return view;
  }

  /** {@code {"execution", "from", "reused", "overridden"}} of a replay, or null. */
  public static Map<String, Object> replayOf(ReplayOrigin origin) {
    if (origin == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("execution", origin.execution());
    view.put("from", origin.from());
    view.put("reused", origin.reused());
    view.put("overridden", origin.overridden());
    return view;
  }

  /** {@code Execution}: the summary plus inputs, outputs and every node with its attempts. */
  public static Map<String, Object> full(ExecutionState state, List<NodeRun> runs) {
    Map<String, Object> view = summary(state);
    view.put("inputs", state.inputs());
    view.put("outputs", state.outputs());
    view.put("agents", state.agents()); // each agent reference pinned to the version it calls
    var parent = state.parent();
    view.put(
        "parent",
        parent == null
            ? null
            : Map.of(
                "execution", parent.execution(), "node", parent.path(), "depth", parent.depth()));
    Map<String, List<NodeRun>> runsByPath = new LinkedHashMap<>();
    for (NodeRun run : runs) {
      runsByPath.computeIfAbsent(run.path(), p -> new ArrayList<>()).add(run);
    }
    List<Map<String, Object>> nodes = new ArrayList<>();
    state
        .nodes()
        .forEach(
            (path, node) -> {
              var nodeView = node(path, node, runsByPath.getOrDefault(path, List.of()));
              if (state.replayOf() != null && state.replayOf().reused(path)) {
                nodeView.put("reused", true);
              }
              nodes.add(nodeView);
            });
    view.put("nodes", nodes);
    return view;
  }

  /** {@code Event}: seq, type, node, attempt, time, data. */
  public static Map<String, Object> event(ExecutionEvent event) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("seq", event.seq());
    view.put("type", event.type().wireName());
    view.put("node", event.nodePath());
    view.put("attempt", event.attempt());
    view.put("time", event.at());
    view.put("data", event.data());
    return view;
  }

  /** {@code {"code", "message", "retryable"}}, or null. */
  public static Map<String, Object> error(ErrorInfo error) {
    return error == null ? null : error.toMap();
  }

  private static Map<String, Object> node(String path, NodeState node, List<NodeRun> runs) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("path", path);
    view.put("status", node.status().wireName());
    view.put("attempts", node.attempt());
    view.put("started_at", node.startedAt());
    view.put("finished_at", node.finishedAt());
    view.put("output", node.output());
    view.put("error", error(node.error()));
    boolean active = node.status() == NodeStatus.SCHEDULED || node.status() == NodeStatus.RUNNING;
    if (active && node.reason() != null) {
      // held back by a guard (scheduled, or claimed to look again): waiting for the reason until
      // the attempt's run time
      Map<String, Object> waiting = new LinkedHashMap<>();
      waiting.put("reason", node.reason());
      waiting.put(
          "until",
          runs.stream()
              .filter(r -> r.attempt() == node.attempt())
              .map(NodeRun::scheduledAt)
              .findFirst()
              .orElse(null));
      view.put("waiting", waiting);
    } else if (node.reason() != null) {
      view.put("reason", node.reason());
    }
    view.put("runs", runs.stream().map(ExecutionViews::run).toList());
    return view;
  }

  private static Map<String, Object> run(NodeRun run) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("attempt", run.attempt());
    view.put("status", run.status().wireName());
    view.put("agent", run.agent());
    view.put("idempotency_key", run.idempotencyKey());
    view.put("started_at", run.startedAt());
    view.put("finished_at", run.finishedAt());
    view.put(
        "duration_ms",
        run.startedAt() == null || run.finishedAt() == null
            ? null
            : Duration.between(run.startedAt(), run.finishedAt()).toMillis());
    view.put("error", error(run.error()));
    view.put("usage", usage(run.usage()));
    return view;
  }

  private static Map<String, Object> usage(Usage usage) {
    if (usage == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("model", usage.model());
    view.put("input_tokens", usage.inputTokens());
    view.put("output_tokens", usage.outputTokens());
    view.put("cost_usd", usage.costUsd());
    return view;
  }
}
