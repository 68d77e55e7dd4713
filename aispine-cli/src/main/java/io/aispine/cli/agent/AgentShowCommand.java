package io.aispine.cli.agent;

import io.aispine.api.Agent;
import io.aispine.api.AgentVersion;
import io.aispine.api.Limits;
import io.aispine.api.Pricing;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.HelpOption;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine agent show NAME}: an agent's manifest and versions. */
@Command(
    name = "show",
    description = {
      "Show an agent: the manifest of a version (default: the latest), then every version with"
          + " its deprecation, health and circuit.",
      "-o json prints the agent with all its versions, or with --version that version only."
    })
final class AgentShowCommand extends RemoteCommand {

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Option(names = "--version", paramLabel = "V", description = "The version (default: latest).")
  String version;

  @Override
  protected int run(AispineClient client, Output out) {
    Agent agent = client.getAgent(name);
    AgentVersion shown =
        version != null
            ? client.getAgentVersion(name, version)
            : AgentListCommand.latest(agent).orElse(null);
    if (out.isJson()) {
      out.json(version != null ? shown : agent);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("name", agent.name());
    fields.put("kind", agent.kind());
    fields.put("description", agent.description());
    fields.put("latest", agent.latest());
    if (shown != null) {
      fields.put("version", shown.version());
      if (shown.url() != null) {
        fields.put("url", shown.url());
        fields.put("signed", shown.signed() ? "yes" : "no");
      }
      fields.put("category", shown.category());
      fields.put("tags", shown.tags().isEmpty() ? null : String.join(", ", shown.tags()));
      fields.put("input", SchemaSummary.of(shown.inputSchema()));
      fields.put("output", SchemaSummary.of(shown.outputSchema()));
      fields.put("pricing", pricing(shown.pricing()));
      fields.put("limits", limits(shown.limits()));
      fields.put("sensitive", sensitivity(shown));
      if (shown.deprecated()) {
        fields.put(
            "deprecated",
            Output.time(shown.deprecatedAt())
                + (shown.deprecationReason() == null || shown.deprecationReason().isBlank()
                    ? ""
                    : ": " + shown.deprecationReason()));
      }
    }
    out.fields(fields);
    out.writer().println();
    out.table(
        List.of("version", "created", "deprecated", "health", "circuit", "url"),
        agent.versions().stream()
            .map(
                v ->
                    List.of(
                        v.version(),
                        Output.time(v.createdAt()),
                        v.deprecated() ? "yes" : "no",
                        Output.cell(v.health().state()),
                        Output.cell(v.circuit().state()),
                        Output.cell(v.url())))
            .toList(),
        "No versions.");
    return ExitCodes.OK;
  }

  private static String pricing(Pricing pricing) {
    if (pricing == null) {
      return null;
    }
    var text = new StringBuilder(pricing.model());
    price(text, "call", pricing.usdPerCall());
    price(text, "input token", pricing.usdPerInputToken());
    price(text, "output token", pricing.usdPerOutputToken());
    return text.toString();
  }

  private static void price(StringBuilder text, String unit, Double usd) {
    if (usd != null) {
      text.append(", $/").append(unit).append(' ').append(usd);
    }
  }

  private static String limits(Limits limits) {
    if (limits == null) {
      return null;
    }
    var parts = new java.util.ArrayList<String>();
    if (limits.ratePerMinute() != null) {
      parts.add(limits.ratePerMinute() + " calls/min");
    }
    if (limits.maxConcurrency() != null) {
      parts.add(limits.maxConcurrency() + " at once");
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static String sensitivity(AgentVersion v) {
    if (v.sensitive()) {
      return "yes, every action";
    }
    return v.sensitiveActions().isEmpty()
        ? "no"
        : "actions " + String.join(", ", v.sensitiveActions());
  }
}
