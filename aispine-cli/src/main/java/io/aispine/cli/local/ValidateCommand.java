package io.aispine.cli.local;

import io.aispine.agent.BuiltinAgents;
import io.aispine.api.Agent;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.remote.RemoteErrors;
import io.aispine.cli.remote.ServerConnection;
import io.aispine.flow.AgentNames;
import io.aispine.flow.FlowParser;
import io.aispine.flow.FlowProblem;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.AispineException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aispine validate FLOW.yaml…}: prints every problem with its line and column. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check flow files and print every problem with its line and column.",
      "Agent names are checked against the built-in agents and, when a server is configured"
          + " (--url, $AISPINE_URL or 'aispine init'), the agents registered on it."
    })
public final class ValidateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FLOW.yaml", description = "Flow files to check.")
  List<Path> files;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The server whose agents flows may use (default: $AISPINE_URL, else the config"
              + " file, else none).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "KEY",
      description = "Its API key (default: $AISPINE_TOKEN, else the config file).")
  String token;

  @Option(
      names = "--offline",
      description = "Check agent names against the built-in agents only; ask no server.")
  boolean offline;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Predicate<String> agents = knownAgents(spec.commandLine().getErr());
    int invalid = 0;
    for (Path file : files) {
      List<FlowProblem> problems =
          FlowParser.validate(FlowFiles.read(file), file.toString(), agents);
      if (problems.isEmpty()) {
        out.println(file + ": valid");
      } else {
        invalid++;
        problems.forEach(out::println);
        out.println(file + ": " + problems.size() + " problem(s)");
      }
    }
    out.flush();
    return invalid == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * The built-ins, and a configured server's agents; any name when that server cannot say (a
   * warning tells).
   */
  private Predicate<String> knownAgents(PrintWriter err) {
    AgentNames builtins = AgentNames.of(BuiltinAgents.load().providers().keySet());
    if (offline) {
      return builtins;
    }
    ServerConnection server = ServerConnection.resolve(url, token);
    if (!server.configured()) {
      return builtins;
    }
    try (AispineClient client = server.client()) {
      return builtins.with(client.listAgents().stream().map(Agent::name).toList());
    } catch (AispineException e) {
      err.println(
          "aispine: warning: agent names not checked: cannot list the agents of "
              + server.url()
              + " ("
              + RemoteErrors.translate(e, server).getMessage()
              + "); --offline checks them against the built-ins only");
      err.flush();
      return name -> true;
    }
  }
}
