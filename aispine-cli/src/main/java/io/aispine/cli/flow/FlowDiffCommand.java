package io.aispine.cli.flow;

import io.aispine.api.FlowDiff;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine flow diff ID@VERSION}: what a version changes, read before approving it. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Show what a flow version changes against the last approved version (a unified diff of"
            + " the YAML).")
final class FlowDiffCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID@VERSION", description = "The flow version.")
  String ref;

  @Option(
      names = "--against",
      paramLabel = "V",
      description = "Compare with this version instead of the last approved one.")
  String against;

  @Override
  protected int run(AispineClient client, Output out) {
    FlowRefArgument flow = FlowRefArgument.parse(ref);
    FlowDiff diff = client.diffFlow(flow.id(), flow.version(), against);
    if (out.isJson()) {
      out.json(diff);
    } else {
      FlowDecideCommand.printDiff(out.writer(), diff);
    }
    return ExitCodes.OK;
  }
}
