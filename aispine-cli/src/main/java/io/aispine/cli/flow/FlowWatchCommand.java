package io.aispine.cli.flow;

import io.aispine.api.ExecutionStatus;
import io.aispine.cli.output.ExecutionWatcher;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.Terminal;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine flow watch EXECUTION}: follows an execution live until it ends. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follow an execution live, node by node, until it ends.",
      "A finished one is replayed. Survives a dropped connection or a server restart: it resumes"
          + " where it was. Exits with the execution's exit code (0 succeeded, 1 failed,"
          + " 4 cancelled)."
    })
final class FlowWatchCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "EXECUTION", description = "The execution id (ex_…).")
  String executionId;

  @Override
  protected int run(AispineClient client, Output out) throws InterruptedException {
    if (out.isJson()) {
      // JSON is for scripts: one object per event as it arrives, then nothing else.
      var stream = client.stream(executionId, null, e -> out.writer().println(e.json()));
      stream.await();
      out.writer().flush();
      ExecutionStatus status = client.getExecution(executionId).status();
      return ExecutionWatcher.exitCode(status);
    }
    ExecutionStatus status =
        new ExecutionWatcher(client, out.writer(), Terminal.detect())
            .watch(executionId, "Watching");
    if (status == ExecutionStatus.SUCCEEDED) {
      out.outputs(client.getExecution(executionId).outputs());
    }
    return ExecutionWatcher.exitCode(status);
  }
}
