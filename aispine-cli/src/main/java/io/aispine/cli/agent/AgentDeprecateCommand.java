package io.aispine.cli.agent;

import io.aispine.api.AgentVersion;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.HelpOption;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine agent deprecate NAME VERSION}: new executions stop choosing that version. */
@Command(
    name = "deprecate",
    description = {
      "Deprecate a version of a registered agent.",
      "New executions no longer pick it for NAME@RANGE while another version in the range is not"
          + " deprecated; running executions keep the version they were pinned to. --undo lifts it."
    })
final class AgentDeprecateCommand extends RemoteCommand {

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Parameters(index = "1", paramLabel = "VERSION", description = "The exact version, e.g. 1.2.0.")
  String version;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, or what to use instead.")
  String reason;

  @Option(names = "--undo", description = "Lift the deprecation instead.")
  boolean undo;

  @Override
  protected int run(AispineClient client, Output out) {
    if (undo && reason != null) {
      throw new CliException(ExitCodes.USAGE, "--reason does not go with --undo");
    }
    AgentVersion changed =
        undo
            ? client.undeprecateAgent(name, version)
            : client.deprecateAgent(name, version, reason);
    if (out.isJson()) {
      out.json(changed);
    } else {
      out.writer()
          .println(
              (undo ? "Lifted the deprecation of " : "Deprecated ")
                  + name
                  + "@"
                  + version
                  + (undo || reason == null ? "" : ": " + reason));
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
