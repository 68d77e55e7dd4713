package io.aispine.cli.workspace;

import io.aispine.api.WorkspaceInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine workspace create ID [--plan PLAN] [--name NAME]}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description =
        "Create a workspace (owner key); give it its first admin key with"
            + " 'aispine keys create NAME --role admin --workspace ID'.")
final class WorkspaceCreateCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "Lower-case letters, digits, '-'.")
  String id;

  @Option(names = "--plan", description = "free (default), startup, scale or unlimited.")
  String plan;

  @Option(names = "--name", description = "A human name; the id when absent.")
  String name;

  @Override
  protected int run(AispineClient client, Output out) {
    WorkspaceInfo created = client.createWorkspace(id, name, plan);
    if (out.isJson()) {
      out.json(created);
    } else {
      WorkspaceView.print(out, created);
    }
    return ExitCodes.OK;
  }
}
