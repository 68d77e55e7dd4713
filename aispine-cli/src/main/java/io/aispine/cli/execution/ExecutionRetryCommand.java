package io.aispine.cli.execution;

import io.aispine.api.Execution;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine execution retry ID}: re-runs the failed nodes of a failed execution. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run the failed nodes of a failed execution.",
      "Also re-runs what they skipped, and keeps every succeeded node's output."
    })
final class ExecutionRetryCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The execution id (ex_…).")
  String executionId;

  @Override
  protected int run(AispineClient client, Output out) {
    Execution e = client.retryExecution(executionId);
    if (out.isJson()) {
      out.json(e);
    } else {
      out.writer().println("Retrying " + e.id() + ": " + e.status().wireName());
      out.writer().println("Follow it with: " + Hint.aispine() + " flow watch " + e.id());
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
