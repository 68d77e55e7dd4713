package io.aispine.cli.llm;

import io.aispine.api.Budget;
import io.aispine.api.BudgetRequest;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aispine budget set|list}: limits on model spending. */
@Command(
    name = "budget",
    mixinStandardHelpOptions = true,
    description = "Set and list daily or monthly budgets on model spending.",
    subcommands = {BudgetCommand.Set.class, BudgetCommand.ListBudgets.class})
public final class BudgetCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code aispine budget set --period daily --limit 5 [--flow F] [--policy hold]}. */
  @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a budget.")
  static final class Set extends RemoteCommand {
    @Option(names = "--flow", description = "Limit one flow; the whole workspace when absent.")
    String flow;

    @Option(names = "--period", required = true, description = "daily or monthly (UTC).")
    String period;

    @Option(names = "--limit", required = true, paramLabel = "USD", description = "US dollars.")
    double limit;

    @Option(
        names = "--policy",
        defaultValue = "fail",
        description = "fail (default): BUDGET_EXCEEDED fails the node; hold: it is retried.")
    String policy;

    @Override
    protected int run(AispineClient client, Output out) {
      Budget budget = client.setBudget(new BudgetRequest(flow, period, limit, policy));
      print(out, List.of(budget));
      return ExitCodes.OK;
    }
  }

  /** {@code aispine budget list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the budgets.")
  static final class ListBudgets extends RemoteCommand {
    @Override
    protected int run(AispineClient client, Output out) {
      print(out, client.listBudgets());
      return ExitCodes.OK;
    }
  }

  static void print(Output out, List<Budget> budgets) {
    if (out.isJson()) {
      out.json(budgets);
      return;
    }
    out.table(
        List.of("SCOPE", "PERIOD", "LIMIT USD", "SPENT USD", "POLICY"),
        budgets.stream()
            .map(
                b ->
                    List.of(
                        b.flow() == null ? "workspace" : "flow " + b.flow(),
                        b.period(),
                        CostsCommand.usd(b.limitUsd()),
                        CostsCommand.usd(b.spentUsd()),
                        b.policy()))
            .toList(),
        "no budgets; set one with `aispine budget set --period daily --limit 5`");
  }
}
