package io.aispine.server.internal.executions;

import io.aispine.api.ErrorInfo;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.ExecutionSummary;
import io.aispine.api.HistoryEvent;
import io.aispine.api.NodeRun;
import io.aispine.api.NodeState;
import io.aispine.api.ParentExecution;
import io.aispine.api.ReplayOrigin;
import io.aispine.api.Usage;
import io.aispine.api.Waiting;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Executions and their history as the API shows them (the records of {@code io.aispine.api}). */
public final class ExecutionViews {

  private ExecutionViews() {}

  /** The summary the list endpoint shows: id, flow, version, status, times and error. */
  public static ExecutionSummary summary(ExecutionState state) {
    return new ExecutionSummary(
        state.id(),
        state.flowId(),
        state.flowVersion(),
        status(state),
        state.createdAt(),
        state.finishedAt(),
        error(state.error()),
        replayOf(state.replayOf()));
  }

  /** The whole execution: the summary plus inputs, outputs and every node with its attempts. */
  public static Execution full(ExecutionState state, List<io.aispine.execution.NodeRun> runs) {
    Map<String, List<io.aispine.execution.NodeRun>> runsByPath = new LinkedHashMap<>();
    for (var run : runs) {
      runsByPath.computeIfAbsent(run.path(), p -> new ArrayList<>()).add(run);
    }
    List<NodeState> nodes = new ArrayList<>();
    state
        .nodes()
        .forEach(
            (path, node) -> {
              boolean reused = state.replayOf() != null && state.replayOf().reused(path);
              nodes.add(node(path, node, runsByPath.getOrDefault(path, List.of()), reused));
            });
    var parent = state.parent();
    return new Execution(
        state.id(),
        state.flowId(),
        state.flowVersion(),
        status(state),
        state.createdAt(),
        state.finishedAt(),
        error(state.error()),
        state.inputs(),
        state.outputs(),
        nodes,
        replayOf(state.replayOf()),
        state.agents(), // each agent reference pinned to the version it calls
        parent == null
            ? null
            : new ParentExecution(parent.execution(), parent.path(), parent.depth()));
  }

  /** One entry of the history: seq, type, node, attempt, time, data. */
  public static HistoryEvent event(ExecutionEvent event) {
    return new HistoryEvent(
        event.seq(),
        event.type().wireName(),
        event.nodePath(),
        event.attempt(),
        event.at(),
        event.data());
  }

  /** The error as the API shows it, or null. */
  public static ErrorInfo error(io.aispine.execution.ErrorInfo error) {
    return error == null ? null : new ErrorInfo(error.code(), error.message(), error.retryable());
  }

  /** Where a replay came from, or null for an execution that replays none. */
  static ReplayOrigin replayOf(io.aispine.execution.ReplayOrigin origin) {
    return origin == null
        ? null
        : new ReplayOrigin(origin.execution(), origin.from(), origin.reused(), origin.overridden());
  }

  private static ExecutionStatus status(ExecutionState state) {
    return ExecutionStatus.ofWireName(state.status().wireName());
  }

  private static NodeState node(
      String path,
      io.aispine.execution.NodeState node,
      List<io.aispine.execution.NodeRun> runs,
      boolean reused) {
    boolean active = node.status() == NodeStatus.SCHEDULED || node.status() == NodeStatus.RUNNING;
    Waiting waiting = null;
    String reason = null;
    if (active && node.reason() != null) {
      // held back by a guard (scheduled, or claimed to look again): waiting for the reason until
      // the attempt's run time
      Instant until =
          runs.stream()
              .filter(r -> r.attempt() == node.attempt())
              .map(io.aispine.execution.NodeRun::scheduledAt)
              .findFirst()
              .orElse(null);
      waiting = new Waiting(node.reason(), until);
    } else {
      reason = node.reason();
    }
    return new NodeState(
        path,
        node.status().wireName(),
        node.attempt(),
        node.startedAt(),
        node.finishedAt(),
        node.output(),
        error(node.error()),
        runs.stream().map(ExecutionViews::run).toList(),
        reason,
        reused,
        waiting);
  }

  private static NodeRun run(io.aispine.execution.NodeRun run) {
    return new NodeRun(
        run.attempt(),
        run.status().wireName(),
        run.agent(),
        run.idempotencyKey(),
        run.startedAt(),
        run.finishedAt(),
        run.startedAt() == null || run.finishedAt() == null
            ? null
            : Duration.between(run.startedAt(), run.finishedAt()).toMillis(),
        error(run.error()),
        usage(run.usage()),
        run.input());
  }

  private static Usage usage(io.aispine.execution.Usage usage) {
    return usage == null
        ? null
        : new Usage(usage.model(), usage.inputTokens(), usage.outputTokens(), usage.costUsd());
  }
}
