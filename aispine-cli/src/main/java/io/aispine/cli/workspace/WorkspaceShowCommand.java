package io.aispine.cli.workspace;

import io.aispine.api.WorkspaceInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine workspace show [ID]}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a workspace's plan, quotas and use; without ID, your own.")
final class WorkspaceShowCommand extends RemoteCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A workspace id.")
  String id;

  @Override
  protected int run(AispineClient client, Output out) {
    WorkspaceInfo workspace = id == null ? client.workspace() : client.workspace(id);
    if (out.isJson()) {
      out.json(workspace);
    } else {
      WorkspaceView.print(out, workspace);
    }
    return ExitCodes.OK;
  }
}
