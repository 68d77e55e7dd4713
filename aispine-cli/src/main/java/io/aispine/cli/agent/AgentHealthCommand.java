package io.aispine.cli.agent;

import io.aispine.api.HealthCheck;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine agent health NAME}: has the server health-check an agent now. */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Have the server call the agent's /health now. Exit code 1 when it is down.")
final class AgentHealthCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Override
  protected int run(AispineClient client, Output out) {
    HealthCheck health = client.checkAgentHealth(name);
    if (out.isJson()) {
      out.json(health);
    } else {
      String latency = " in " + ProgressPrinter.ms(health.latencyMs());
      out.writer()
          .println(
              name
                  + ": "
                  + health.status()
                  + latency
                  + (health.error() == null ? "" : ": " + health.error()));
      out.writer().flush();
    }
    return health.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
