package io.aispine.cli.agent;

import io.aispine.api.AgentLimits;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aispine agent limits NAME [--rate N] [--concurrency N]}: shows or sets an agent's limits.
 */
@Command(
    name = "limits",
    mixinStandardHelpOptions = true,
    description =
        "Show an agent's rate and concurrency limits, or override them with --rate and"
            + " --concurrency (0 clears an override). Overrides last across restarts.")
final class AgentLimitsCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Calls per minute, every version together; 0 restores the default.")
  Integer rate;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Calls in flight at once; 0 restores the default.")
  Integer concurrency;

  @Override
  protected int run(AispineClient client, Output out) {
    AgentLimits limits;
    if (rate == null && concurrency == null) {
      limits = client.getAgentLimits(name);
    } else {
      AgentLimits now = client.getAgentLimits(name);
      limits =
          client.setAgentLimits(
              name,
              chosen(rate, now.override().ratePerMinute()),
              chosen(concurrency, now.override().maxConcurrency()));
    }
    if (out.isJson()) {
      out.json(limits);
      return ExitCodes.OK;
    }
    var w = out.writer();
    w.println("name: " + limits.name());
    w.println(
        "rate_per_minute: "
            + limits.ratePerMinute()
            + " ("
            + limits.source().ratePerMinute()
            + ")");
    w.println(
        "max_concurrency: "
            + (limits.maxConcurrency() == null ? "unlimited" : limits.maxConcurrency())
            + " ("
            + limits.source().maxConcurrency()
            + ")");
    w.println("in_flight: " + limits.inFlight());
    if (limits.remainingThisMinute() != null) {
      w.println("remaining_this_minute: " + limits.remainingThisMinute());
    }
    w.flush();
    return ExitCodes.OK;
  }

  /** The new value of one override: unchanged when not given, cleared by 0. */
  private static Integer chosen(Integer given, Integer current) {
    if (given == null) {
      return current;
    }
    if (given < 0) {
      throw new CliException(ExitCodes.USAGE, "limits must be 0 (the default) or more");
    }
    return given == 0 ? null : given;
  }
}
