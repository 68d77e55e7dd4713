package io.aispine.cli.agent;

import io.aispine.cli.CliException;
import io.aispine.cli.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.project.AgentScaffold;
import io.aispine.cli.project.SdkRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aispine agent create NAME}: a new agent project on the agent SDK that passes its tests.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an agent project: a Maven build on the Java agent SDK with an agent class, its"
          + " manifest, a test over HTTP, a README and the Maven wrapper.",
      "It builds and passes 'aispine agent test' as created. Exit code 1 when the directory is"
          + " not empty, 2 for a bad name or package."
    })
final class AgentCreateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The agent's name: lower-case letters, digits and dashes, like ocr-id.")
  String name;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The project's directory, absent or empty (default: ./NAME).")
  Path dir;

  @Option(
      names = "--package",
      paramLabel = "PACKAGE",
      description =
          "The Java package of the agent class (default: com.example.NAME, dashes dropped).")
  String packageName;

  @Override
  public Integer call() {
    Path target;
    AgentScaffold scaffold;
    try {
      target = dir != null ? dir : Path.of(name);
      scaffold = new AgentScaffold(name, packageName, target, SdkRepository.locate().orElse(null));
    } catch (IllegalArgumentException e) { // Also an InvalidPathException.
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> files;
    try {
      files = scaffold.create();
    } catch (FileAlreadyExistsException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "will not create " + name + " in " + e.getFile() + ": " + e.getReason());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.ENVIRONMENT, "cannot write the project in " + scaffold.directory() + ": " + e);
    }
    out.println("Created agent " + name + " in " + scaffold.directory() + ":");
    files.forEach(f -> out.println("  " + f));
    if (scaffold.sdkRepository() == null) {
      spec.commandLine()
          .getErr()
          .println(
              "aispine: warning: no agent SDK repository next to this CLI (nor $"
                  + SdkRepository.ENV
                  + "); the project needs io.aispine:aispine-agent-sdk from a repository you"
                  + " configure");
      spec.commandLine().getErr().flush();
    } else {
      out.println("  (the SDK comes from " + scaffold.sdkRepository() + ", see README.md)");
    }
    String aispine = Hint.aispine();
    out.println();
    out.println("Next:");
    out.println("  " + aispine + " agent test " + target + "    # build it, start it, certify it");
    out.println(
        "  "
            + target.resolve("run")
            + "    # build it if needed and serve it on http://127.0.0.1:8080, signed calls only");
    out.println(
        "  "
            + aispine
            + " agent register http://127.0.0.1:8080 --manifest "
            + target.resolve("src/main/resources/agent.json")
            + " --secret-file "
            + target.resolve(AgentScaffold.SECRET_FILE)
            + "    # on a server, while it runs");
    out.println("Then make it yours: " + target.resolve(scaffold.agentSource()));
    out.flush();
    return ExitCodes.OK;
  }
}
