package io.aispine.cli.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.FlowInput;
import io.aispine.api.FlowVersion;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.HelpOption;
import io.aispine.cli.command.InputOptions;
import io.aispine.cli.output.ExecutionWatcher;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.Terminal;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.flow.InputType;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aispine execution replay ID --from NODE}: a new execution of the same flow version that
 * reuses the recorded results before NODE and runs NODE and everything after it again.
 */
@Command(
    name = "replay",
    description = {
      "Replay a finished execution from a node, as a new execution linked to it.",
      "The nodes before --from keep their recorded results and are not called again; --from and"
          + " everything downstream of it run again, on the same flow version. Returns once the"
          + " start is durable. With --wait, follows it live like 'flow watch' and exits with its"
          + " exit code."
    })
final class ExecutionReplayCommand extends RemoteCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "ID", description = "The execution to replay (ex_…).")
  String executionId;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "NODE",
      description =
          "The node to run again from; an instance path (refine/3/score) replays from its top-level node.")
  String from;

  @Mixin InputOptions inputs = new InputOptions();

  @Option(
      names = "--output-override",
      paramLabel = "NODE=JSON",
      description =
          "Replace a reused node's recorded output with a JSON value; repeatable (e.g. score='{\"value\": 0.9}').")
  List<String> overrides = List.of();

  @Option(names = "--wait", description = "Follow the replay until it ends; exit with its code.")
  boolean waitForEnd;

  @Override
  protected int run(AispineClient client, Output out) throws InterruptedException {
    Map<String, Object> outputs = overrides();
    Map<String, Object> values = Map.of();
    if (!inputs.pairs.isEmpty() || inputs.file != null) {
      // The flow's declarations type the --input values, as for 'flow run'.
      Execution origin = client.getExecution(executionId);
      FlowVersion flow = client.getFlowVersion(origin.flow(), origin.version());
      values = inputs.collect(name -> declaredType(flow, name));
    }
    Execution started = client.replayExecution(executionId, from, values, outputs);
    if (!waitForEnd) {
      if (out.isJson()) {
        out.json(started);
      } else {
        out.writer().println(describe(started));
        out.writer().println("Follow it with: " + Hint.aispine() + " flow watch " + started.id());
        out.writer()
            .println(
                "Compare them with: "
                    + Hint.aispine()
                    + " execution diff "
                    + executionId
                    + " "
                    + started.id());
        out.writer().flush();
      }
      return ExitCodes.OK;
    }
    ExecutionStatus status;
    if (out.isJson()) {
      client.stream(started.id(), null, e -> {}).await();
      Execution done = client.getExecution(started.id());
      out.json(done);
      status = done.status();
    } else {
      out.writer().println(describe(started));
      status =
          new ExecutionWatcher(client, out.writer(), Terminal.detect())
              .watch(started.id(), "Replaying");
      if (status == ExecutionStatus.SUCCEEDED) {
        out.outputs(client.getExecution(started.id()).outputs());
      }
    }
    return ExecutionWatcher.exitCode(status);
  }

  private String describe(Execution started) {
    var origin = started.replayOf();
    String reused =
        origin == null || origin.reused().isEmpty() ? "none" : String.join(", ", origin.reused());
    return "Replaying "
        + executionId
        + " from "
        + (origin == null ? from : origin.from())
        + " as "
        + started.id()
        + " (reused: "
        + reused
        + ")";
  }

  private Map<String, Object> overrides() {
    var outputs = new LinkedHashMap<String, Object>();
    for (String pair : overrides) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CliException(
            ExitCodes.USAGE, "--output-override '" + pair + "' must look like NODE=JSON");
      }
      String node = pair.substring(0, eq);
      try {
        outputs.put(node, JSON.readValue(pair.substring(eq + 1), Object.class));
      } catch (JsonProcessingException e) {
        throw new CliException(
            ExitCodes.USAGE,
            "--output-override for '"
                + node
                + "' is not valid JSON ("
                + e.getOriginalMessage()
                + "); quote text as JSON, e.g. "
                + node
                + "='\"text\"'");
      }
    }
    return outputs;
  }

  private static InputType declaredType(FlowVersion flow, String name) {
    FlowInput input = flow.inputs().get(name);
    return input == null ? null : InputType.fromYaml(input.type());
  }
}
