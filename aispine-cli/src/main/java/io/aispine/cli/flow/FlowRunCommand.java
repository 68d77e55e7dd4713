package io.aispine.cli.flow;

import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.FlowInput;
import io.aispine.api.FlowVersion;
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
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine flow run ID}: starts an execution of a deployed flow, optionally following it. */
@Command(
    name = "run",
    description = {
      "Start an execution of a deployed flow on the server.",
      "Returns once the start is durable. With --wait, follows it live like 'flow watch' and"
          + " exits with its exit code."
    })
final class FlowRunCommand extends RemoteCommand {

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "ID", description = "The flow id.")
  String flowId;

  @Option(names = "--version", paramLabel = "V", description = "The version (default: the latest).")
  String version;

  @Mixin InputOptions inputs = new InputOptions();

  @Option(names = "--wait", description = "Follow the execution until it ends; exit with its code.")
  boolean waitForEnd;

  @Override
  protected int run(AispineClient client, Output out) throws InterruptedException {
    // The flow's declarations type the --input values (count=3 is a number, name=3 a string).
    FlowVersion flow =
        version == null ? client.getFlow(flowId) : client.getFlowVersion(flowId, version);
    Map<String, Object> values = inputs.collect(name -> declaredType(flow, name));
    Execution started = client.startExecution(flowId, flow.version(), values);
    if (!waitForEnd) {
      if (out.isJson()) {
        out.json(started);
      } else {
        out.writer().println("Started " + flow.ref() + " as " + started.id());
        out.writer().println("Follow it with: " + Hint.aispine() + " flow watch " + started.id());
        out.writer().flush();
      }
      return ExitCodes.OK;
    }
    ExecutionStatus status;
    if (out.isJson()) {
      status = waitQuietly(client, started.id());
      out.json(client.getExecution(started.id()));
    } else {
      status =
          new ExecutionWatcher(client, out.writer(), Terminal.detect())
              .watch(started.id(), "Running");
      if (status == ExecutionStatus.SUCCEEDED) {
        out.outputs(client.getExecution(started.id()).outputs());
      }
    }
    return ExecutionWatcher.exitCode(status);
  }

  private static ExecutionStatus waitQuietly(AispineClient client, String executionId)
      throws InterruptedException {
    client.stream(executionId, null, e -> {}).await();
    return client.getExecution(executionId).status();
  }

  private static InputType declaredType(FlowVersion flow, String name) {
    FlowInput input = flow.inputs().get(name);
    return input == null ? null : InputType.fromYaml(input.type());
  }
}
