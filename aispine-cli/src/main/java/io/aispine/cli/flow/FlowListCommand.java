package io.aispine.cli.flow;

import io.aispine.api.FlowSummary;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code aispine flow list}: the latest version of every deployed flow. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List deployed flows (the latest version of each).")
final class FlowListCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    List<FlowSummary> flows = client.listFlows();
    if (out.isJson()) {
      out.json(java.util.Map.of("items", flows));
    } else {
      out.table(
          List.of("id", "version", "created", "description"),
          flows.stream()
              .map(
                  f ->
                      List.of(
                          f.id(),
                          f.version(),
                          Output.time(f.createdAt()),
                          Output.cell(f.description())))
              .toList(),
          "No flows deployed yet: " + Hint.aispine() + " flow deploy FILE");
    }
    return ExitCodes.OK;
  }
}
