package io.aispine.cli.execution;

import io.aispine.api.Execution;
import io.aispine.api.ReplayOrigin;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine execution diff A B}: compares two executions node by node. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two executions node by node: status, output, and whether each ran the node or"
          + " reused its recorded result.",
      "Lists the nodes that differ (--all: every node), then the inputs and flow outputs that"
          + " differ. Exits 0 whether they differ or not."
    })
final class ExecutionDiffCommand extends RemoteCommand {

  /** Outputs longer than this are cut in the table; {@code -o json} has them whole. */
  private static final int MAX_CELL = 48;

  @Parameters(index = "0", paramLabel = "A", description = "The first execution (ex_…).")
  String first;

  @Parameters(index = "1", paramLabel = "B", description = "The second execution (ex_…).")
  String second;

  @Option(names = "--all", description = "List every node, not only those that differ.")
  boolean all;

  @Override
  protected int run(AispineClient client, Output out) {
    Execution a = client.getExecution(first);
    Execution b = client.getExecution(second);
    ExecutionDiff diff = ExecutionDiff.of(a, b);
    List<ExecutionDiff.NodeDiff> shown = all ? diff.nodes() : diff.differing();
    if (out.isJson()) {
      var json = new LinkedHashMap<String, Object>();
      json.put("a", summary(a));
      json.put("b", summary(b));
      json.put("nodes", shown);
      json.put("differing_nodes", diff.differing().size());
      json.put("inputs", diff.inputs());
      json.put("outputs", diff.outputs());
      out.json(json);
      return ExitCodes.OK;
    }
    var w = out.writer();
    w.println("A  " + header(a, b));
    w.println("B  " + header(b, a));
    w.println();
    out.table(
        List.of("node", "a", "b", "output a", "output b"),
        shown.stream().map(ExecutionDiffCommand::row).toList(),
        "Every node has the same status and output.");
    if (!all && !diff.differing().isEmpty()) {
      w.println(
          diff.differing().size()
              + " of "
              + diff.nodes().size()
              + " nodes differ (--all lists every node).");
    }
    changes(out, "Inputs", diff.inputs());
    changes(out, "Outputs", diff.outputs());
    w.flush();
    return ExitCodes.OK;
  }

  private static Map<String, Object> summary(Execution e) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", e.id());
    view.put("flow", e.flow());
    view.put("version", e.version());
    view.put("status", e.status().wireName());
    view.put("replay_of", e.replayOf());
    return view;
  }

  /** {@code ex_… chain@1.0.0 succeeded}, and where it came from when it replays the other. */
  private static String header(Execution e, Execution other) {
    String line = e.id() + "  " + e.flow() + "@" + e.version() + "  " + e.status().wireName();
    ReplayOrigin origin = e.replayOf();
    if (origin == null) {
      return line;
    }
    String of = origin.execution().equals(other.id()) ? "the other" : origin.execution();
    return line
        + "  replay of "
        + of
        + " from "
        + origin.from()
        + (origin.reused().isEmpty() ? "" : " (reused " + String.join(", ", origin.reused()) + ")");
  }

  private static List<String> row(ExecutionDiff.NodeDiff n) {
    return List.of(n.path(), state(n.a()), state(n.b()), output(n.a()), output(n.b()));
  }

  private static String state(ExecutionDiff.Side side) {
    if (side == null) {
      return "(absent)";
    }
    return side.how().equals("-") ? side.status() : side.status() + " (" + side.how() + ")";
  }

  private static String output(ExecutionDiff.Side side) {
    if (side == null || side.output() == null) {
      return "-";
    }
    String text = Output.cell(side.output());
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
  }

  private static void changes(Output out, String title, Map<String, List<Object>> changed) {
    if (changed.isEmpty()) {
      return;
    }
    out.writer().println(title + " that differ:");
    changed.forEach(
        (name, pair) ->
            out.writer()
                .println(
                    "  "
                        + name
                        + ": "
                        + Output.compactJson(pair.get(0))
                        + " -> "
                        + Output.compactJson(pair.get(1))));
  }
}
