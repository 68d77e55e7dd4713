package io.aispine.cli.execution;

import io.aispine.api.Execution;
import io.aispine.api.NodeRun;
import io.aispine.api.NodeState;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine execution get ID}: one execution with every node's status and attempts. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Show an execution: status, inputs, outputs and each node's attempts and timing.")
final class ExecutionGetCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The execution id (ex_…).")
  String executionId;

  @Override
  protected int run(AispineClient client, Output out) {
    Execution e = client.getExecution(executionId);
    if (out.isJson()) {
      out.json(e);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("id", e.id());
    fields.put("flow", e.flow() + "@" + e.version());
    fields.put("status", e.status().wireName());
    fields.put("created", Output.time(e.createdAt()));
    fields.put("finished", Output.time(e.finishedAt()));
    fields.put("inputs", e.inputs());
    fields.put("outputs", e.outputs());
    fields.put("error", e.error() == null ? null : e.error().toString());
    if (e.replayOf() != null) {
      fields.put(
          "replay of",
          e.replayOf().execution()
              + " from "
              + e.replayOf().from()
              + " (reused: "
              + (e.replayOf().reused().isEmpty()
                  ? "none"
                  : String.join(", ", e.replayOf().reused()))
              + ")");
    }
    out.fields(fields);
    out.writer().println();
    out.table(
        List.of("node", "status", "attempts", "agent", "duration", "started", "error"),
        e.nodes().stream().map(ExecutionGetCommand::row).toList(),
        "No node has run yet.");
    return ExitCodes.OK;
  }

  private static List<String> row(NodeState n) {
    NodeRun lastRun = n.runs().isEmpty() ? null : n.runs().getLast();
    return List.of(
        n.path(),
        n.reused() ? n.status() + " (reused)" : Output.cell(n.status()),
        Integer.toString(n.attempts()),
        lastRun == null ? "-" : Output.cell(lastRun.agent()),
        lastRun == null || lastRun.durationMs() == null
            ? "-"
            : ProgressPrinter.ms(lastRun.durationMs()),
        Output.time(n.startedAt()),
        n.error() == null ? "-" : n.error().toString());
  }
}
