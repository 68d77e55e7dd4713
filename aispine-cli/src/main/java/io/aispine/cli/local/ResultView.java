package io.aispine.cli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.output.Terminal;
import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeState;
import io.aispine.flow.Flow;
import io.aispine.flow.Node;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The final result of an execution, as text for people or as one JSON object for scripts. */
final class ResultView {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Flow flow;
  private final ExecutionState state;
  private final List<NodeRun> runs;

  ResultView(Engine engine, Flow flow, ExecutionState state) {
    this.flow = flow;
    this.state = state;
    this.runs = engine.runs(state.id());
  }

  static int exitCode(ExecutionState state) {
    return switch (state.status()) {
      case SUCCEEDED -> ExitCodes.OK;
      case FAILED -> ExitCodes.FAILED;
      case CANCELLED -> ExitCodes.CANCELLED;
      case RUNNING -> ExitCodes.FAILED;
    };
  }

  /**
   * {@code {id, status, flow, version, outputs, error, nodes: [{id, status, attempts, started_at,
   * finished_at}]}}.
   */
  String toJson() {
    var root = new LinkedHashMap<String, Object>();
    root.put("id", state.id());
    root.put("flow", state.flowId());
    root.put("version", state.flowVersion());
    root.put("status", state.status().wireName());
    root.put("outputs", state.outputs());
    root.put("error", state.error() == null ? null : state.error().toMap());
    root.put("created_at", text(state.createdAt()));
    root.put("finished_at", text(state.finishedAt()));
    var nodes = new ArrayList<Map<String, Object>>();
    for (Node node : flow.nodes()) {
      NodeState ns = state.node(node.id());
      var n = new LinkedHashMap<String, Object>();
      n.put("id", node.id());
      n.put("type", node.kind());
      n.put("status", ns.status().wireName());
      n.put("attempts", ns.attempt());
      n.put("started_at", text(firstStart(node.id(), ns)));
      n.put("finished_at", text(ns.finishedAt()));
      if (ns.error() != null) {
        n.put("error", ns.error().toMap());
      }
      nodes.add(n);
    }
    root.put("nodes", nodes);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("result is not serialisable", e);
    }
  }

  void printText(PrintWriter out, Terminal term) {
    out.println();
    out.println(
        term.bold("Execution " + state.id())
            + "  "
            + colour(term, state.status())
            + (state.finishedAt() == null
                ? ""
                : "  in "
                    + ProgressPrinter.ms(
                        java.time.Duration.between(state.createdAt(), state.finishedAt())
                            .toMillis())));
    if (state.error() != null) {
      out.println("  error: " + state.error().code() + " " + state.error().message());
    }
    if (!state.outputs().isEmpty()) {
      out.println("  outputs:");
      state.outputs().forEach((k, v) -> out.println("    " + k + ": " + compact(v)));
    }
  }

  private Instant firstStart(String path, NodeState ns) {
    if (ns.startedAt() != null) {
      return ns.startedAt();
    }
    return runs.stream()
        .filter(r -> r.path().equals(path) && r.startedAt() != null)
        .map(NodeRun::startedAt)
        .min(Instant::compareTo)
        .orElse(null);
  }

  private static String colour(Terminal term, ExecutionStatus status) {
    return switch (status) {
      case SUCCEEDED -> term.green("succeeded");
      case FAILED -> term.red("failed");
      case CANCELLED -> term.yellow("cancelled");
      case RUNNING -> "running";
    };
  }

  private static String compact(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
