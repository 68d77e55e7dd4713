package io.aispine.cli.agent;

import io.aispine.api.AgentDrain;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.HelpOption;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine agent drain NAME}: stops new calls to an agent; calls in flight finish. */
@Command(
    name = "drain",
    description =
        "Stop dispatching new calls to an agent (its nodes wait); calls in flight finish."
            + " Lasts across restarts until 'aispine agent undrain'.")
class AgentDrainCommand extends RemoteCommand {

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "Only this version (default: every version).")
  String version;

  @Override
  protected int run(AispineClient client, Output out) {
    return print(client.drainAgent(name, version), out);
  }

  static int print(AgentDrain drain, Output out) {
    if (out.isJson()) {
      out.json(drain);
    } else {
      String what = drain.version() == null ? drain.name() : drain.name() + "@" + drain.version();
      out.writer().println(what + (drain.drained() ? ": drained" : ": not drained"));
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
