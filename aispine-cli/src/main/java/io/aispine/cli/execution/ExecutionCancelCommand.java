package io.aispine.cli.execution;

import io.aispine.api.Execution;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine execution cancel ID}: cancels a running execution. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a running execution; its running nodes are interrupted.")
final class ExecutionCancelCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The execution id (ex_…).")
  String executionId;

  @Override
  protected int run(AispineClient client, Output out) {
    Execution e = client.cancelExecution(executionId);
    if (out.isJson()) {
      out.json(e);
    } else {
      out.writer()
          .println(
              "Cancelling "
                  + e.id()
                  + " ("
                  + e.flow()
                  + "@"
                  + e.version()
                  + "): "
                  + e.status().wireName());
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
