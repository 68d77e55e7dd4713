package io.aispine.cli.agent;

import io.aispine.api.Agent;
import io.aispine.api.AgentVersion;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code aispine agent list}: the built-in and registered agents of a server. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the server's agents: built-in ones and registered HTTP agents.",
      "Shows the version an unranged reference calls now (latest: the highest not deprecated),"
          + " how many versions there are, and that version's health, circuit and URL."
    })
final class AgentListCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    List<Agent> agents = client.listAgents();
    if (out.isJson()) {
      out.json(Map.of("items", agents));
      return ExitCodes.OK;
    }
    out.table(
        List.of(
            "name",
            "kind",
            "latest",
            "versions",
            "health",
            "circuit",
            "drained",
            "url",
            "description"),
        agents.stream().map(AgentListCommand::row).toList(),
        "No agents.");
    return ExitCodes.OK;
  }

  private static List<String> row(Agent a) {
    Optional<AgentVersion> latest = latest(a);
    long deprecated = a.versions().stream().filter(AgentVersion::deprecated).count();
    String versions =
        a.versions().size() + (deprecated == 0 ? "" : " (" + deprecated + " deprecated)");
    return List.of(
        a.name(),
        Output.cell(a.kind()),
        latest.map(v -> v.version() + (v.deprecated() ? " (deprecated)" : "")).orElse("-"),
        versions,
        latest.map(v -> Output.cell(v.health().state())).orElse("-"),
        latest.map(v -> Output.cell(v.circuit().state())).orElse("-"),
        a.drained() ? "yes" : "no",
        latest.map(v -> Output.cell(v.url())).orElse("-"),
        Output.cell(a.description()));
  }

  /** The version {@code latest} names, else the highest one. */
  static Optional<AgentVersion> latest(Agent a) {
    return a.versions().stream()
        .filter(v -> v.version().equals(a.latest()))
        .findFirst()
        .or(() -> a.versions().isEmpty() ? Optional.empty() : Optional.of(a.versions().getLast()));
  }
}
