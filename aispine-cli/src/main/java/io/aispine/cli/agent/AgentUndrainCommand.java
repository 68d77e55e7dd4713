package io.aispine.cli.agent;

import io.aispine.cli.output.Output;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;

/** {@code aispine agent undrain NAME}: dispatches calls to a drained agent again. */
@Command(
    name = "undrain",
    description = "Dispatch calls to a drained agent again; its waiting nodes resume.")
final class AgentUndrainCommand extends AgentDrainCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    return print(client.undrainAgent(name, version), out);
  }
}
