package io.aispine.cli.workspace;

import io.aispine.api.WorkspaceInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code aispine workspace list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the server's workspaces and their plans (owner key).")
final class WorkspaceListCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    List<WorkspaceInfo> workspaces = client.listWorkspaces();
    if (out.isJson()) {
      out.json(Map.of("items", workspaces));
      return ExitCodes.OK;
    }
    out.table(
        List.of("ID", "NAME", "PLAN", "CREATED"),
        workspaces.stream()
            .map(w -> List.of(w.id(), w.name(), w.plan(), w.createdAt().toString()))
            .toList(),
        "no workspaces");
    return ExitCodes.OK;
  }
}
