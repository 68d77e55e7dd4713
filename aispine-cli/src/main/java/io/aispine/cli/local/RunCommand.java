package io.aispine.cli.local;

import io.aispine.cli.command.InputOptions;
import io.aispine.cli.output.OutputFormat;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.output.Terminal;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.Flow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aispine run FLOW.yaml}: validates and runs a flow in-process on the embedded store. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Validate and run a flow in this process on the embedded store, with live progress.",
      "The run is durable: if this process dies, the next 'aispine run' or server on the same data"
          + " dir resumes it."
    })
public final class RunCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FLOW.yaml", description = "The flow file.")
  Path file;

  @Mixin InputOptions inputs = new InputOptions();

  @ArgGroup(exclusive = false)
  StoreOptions store = new StoreOptions();

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      converter = OutputFormat.Converter.class,
      description =
          "text (live progress, default) or json (one JSON object with the result); table means"
              + " text.")
  OutputFormat output;

  @Option(
      names = "--timeout",
      defaultValue = "1h",
      paramLabel = "DURATION",
      description = "Give up waiting after this long (the execution stays durable). Default: 1h.")
  String timeout;

  @Option(
      names = "--agent",
      paramLabel = "NAME=URL",
      description =
          "An HTTP agent the flow may call as NAME, such as reverser=http://127.0.0.1:8080"
              + " (repeatable). Calls are signed with its --agent-secret-file, else"
              + " $AISPINE_AGENT_SECRET, else not at all.")
  Map<String, String> agentUrls = new LinkedHashMap<>();

  @Option(
      names = "--agent-secret-file",
      paramLabel = "NAME=FILE",
      description =
          "The file holding the signing secret of the agent NAME, such as"
              + " reverser=reverser/agent.secret (repeatable).")
  Map<String, Path> agentSecrets = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    LocalAgents agents = LocalAgents.with(agentUrls, agentSecrets);
    // Every agent name is checked before anything starts, in branches this run may not take too.
    Flow flow = FlowFiles.parse(file, agents.names());
    var values = inputs.collect(flow);
    Duration limit = DurationOption.parse("--timeout", timeout);
    try (var local = LocalEngine.open(store == null ? new StoreOptions() : store, agents)) {
      var progress =
          output == OutputFormat.TEXT
              ? new ProgressPrinter(spec.commandLine().getOut(), flow, Terminal.detect())
              : null;
      ExecutionState result = Executions.runToEnd(local.engine(), flow, values, limit, progress);
      var view = new ResultView(local.engine(), flow, result);
      if (output == OutputFormat.JSON) {
        spec.commandLine().getOut().println(view.toJson());
      } else {
        view.printText(spec.commandLine().getOut(), Terminal.detect());
      }
      spec.commandLine().getOut().flush();
      return ResultView.exitCode(result);
    }
  }
}
