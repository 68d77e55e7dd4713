package io.aispine.cli;

import io.aispine.sdk.Agent;
import io.aispine.sdk.AgentVersion;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code aispine agent list}: the built-in and registered agents of a server. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the server's agents: built-in ones and registered HTTP agents.")
final class AgentListCommand extends RemoteCommand {

  @Override
  int run(AispineClient client, Output out) {
    List<Agent> agents = client.listAgents();
    if (out.isJson()) {
      out.json(Map.of("items", agents));
      return ExitCodes.OK;
    }
    out.table(
        List.of("name", "kind", "versions", "url", "description", "drained"),
        agents.stream()
            .map(
                a ->
                    List.of(
                        a.name(),
                        Output.cell(a.kind()),
                        a.versions().stream()
                            .map(AgentVersion::version)
                            .collect(Collectors.joining(",")),
                        a.versions().isEmpty() ? "-" : Output.cell(a.versions().getLast().url()),
                        Output.cell(a.description()),
                        a.drained() ? "yes" : "no"))
            .toList(),
        "No agents.");
    return ExitCodes.OK;
  }
}
