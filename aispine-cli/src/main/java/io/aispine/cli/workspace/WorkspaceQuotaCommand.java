package io.aispine.cli.workspace;

import io.aispine.api.WorkspaceInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine workspace quota ID --plan PLAN [--executions-per-month N …]}. */
@Command(
    name = "quota",
    mixinStandardHelpOptions = true,
    description =
        "Set a workspace's plan and the quotas that differ from it (owner key); -1 is unlimited.")
final class WorkspaceQuotaCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The workspace.")
  String id;

  @Option(names = "--plan", required = true, description = "free, startup, scale or unlimited.")
  String plan;

  @Option(names = "--api-calls-per-minute", description = "Per key.", paramLabel = "N")
  Long apiCallsPerMinute;

  @Option(names = "--executions-per-month", paramLabel = "N")
  Long executionsPerMonth;

  @Option(names = "--executions-running", paramLabel = "N")
  Long executionsRunning;

  @Option(names = "--private-agents", paramLabel = "N")
  Long privateAgents;

  @Override
  protected int run(AispineClient client, Output out) {
    Map<String, Long> overrides = new LinkedHashMap<>();
    put(overrides, "api_calls_per_minute", apiCallsPerMinute);
    put(overrides, "executions_per_month", executionsPerMonth);
    put(overrides, "executions_running", executionsRunning);
    put(overrides, "private_agents", privateAgents);
    WorkspaceInfo changed = client.setQuota(id, plan, overrides);
    if (out.isJson()) {
      out.json(changed);
    } else {
      WorkspaceView.print(out, changed);
    }
    return ExitCodes.OK;
  }

  private static void put(Map<String, Long> overrides, String name, Long value) {
    if (value != null) {
      overrides.put(name, value);
    }
  }
}
