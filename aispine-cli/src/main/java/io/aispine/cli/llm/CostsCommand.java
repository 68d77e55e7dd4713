package io.aispine.cli.llm;

import io.aispine.api.Costs;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aispine costs [--by model|flow|day|…]}: what model calls cost. */
@Command(
    name = "costs",
    mixinStandardHelpOptions = true,
    description = "Tokens and cost of model calls, grouped (costliest first).")
public final class CostsCommand extends RemoteCommand {

  @Option(
      names = "--by",
      defaultValue = "model",
      description = "execution, node, agent, flow, model (default), provider, day or week.")
  String groupBy;

  @Option(names = "--from", description = "RFC 3339 time, inclusive.")
  Instant from;

  @Option(names = "--to", description = "RFC 3339 time, exclusive.")
  Instant to;

  @Override
  protected int run(AispineClient client, Output out) {
    Costs costs = client.costs(groupBy, from, to);
    if (out.isJson()) {
      out.json(costs);
      return ExitCodes.OK;
    }
    out.table(
        List.of(groupBy.toUpperCase(Locale.ROOT), "CALLS", "PROMPT", "COMPLETION", "COST USD"),
        costs.items().stream()
            .map(
                t ->
                    List.of(
                        t.key() == null ? "-" : t.key(),
                        Long.toString(t.calls()),
                        Long.toString(t.promptTokens()),
                        Long.toString(t.completionTokens()),
                        usd(t.costUsd())))
            .toList(),
        "no model calls recorded");
    if (!costs.items().isEmpty()) {
      out.writer().println("total: $" + usd(costs.costUsd()));
      out.writer().flush();
    }
    return ExitCodes.OK;
  }

  static String usd(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
