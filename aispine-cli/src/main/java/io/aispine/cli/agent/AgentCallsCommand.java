package io.aispine.cli.agent;

import io.aispine.api.AgentCall;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine agent calls NAME}: an agent's recent calls, newest first (its log). */
@Command(
    name = "calls",
    mixinStandardHelpOptions = true,
    description = "An agent's recent calls, newest first: status, latency and errors.")
final class AgentCallsCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Option(
      names = "--limit",
      defaultValue = "50",
      paramLabel = "N",
      description = "How many calls, 1 to 500 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected int run(AispineClient client, Output out) {
    List<AgentCall> calls = client.agentCalls(name, limit);
    if (out.isJson()) {
      out.json(Map.of("items", calls));
      return ExitCodes.OK;
    }
    out.table(
        List.of("started", "execution", "node", "attempt", "status", "latency", "error"),
        calls.stream()
            .map(
                c ->
                    List.of(
                        Output.time(c.startedAt()),
                        c.execution(),
                        c.node(),
                        Integer.toString(c.attempt()),
                        c.status(),
                        c.latencyMs() == null ? "-" : ProgressPrinter.ms(c.latencyMs()),
                        c.error() == null ? "-" : Output.cell(c.error().toString())))
            .toList(),
        "No calls.");
    return ExitCodes.OK;
  }
}
