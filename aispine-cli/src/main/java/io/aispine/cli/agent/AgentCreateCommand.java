package io.aispine.cli.agent;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.project.AgentLanguage;
import io.aispine.cli.project.AgentScaffold;
import io.aispine.cli.project.SdkRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aispine agent create NAME [--lang java|python|typescript]}: a new agent project on the
 * agent SDK of its language that passes its tests.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an agent project: the agent on the agent SDK of its language, its manifest, a test"
          + " over HTTP, a README, a ./run script and a signing secret. Java (the default) is a"
          + " Maven build with the Maven wrapper; Python and TypeScript carry a copy of their SDK"
          + " and need nothing installed but Python >= 3.9 or Node >= 18.",
      "It passes 'aispine agent test' as created. Exit code 1 when the directory is"
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

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "java",
      converter = LanguageConverter.class,
      description = "java (default: a Maven project), python or typescript.")
  AgentLanguage language;

  /** Reads {@code --lang} in lower case, as it is written, naming the choices when it is wrong. */
  static final class LanguageConverter implements CommandLine.ITypeConverter<AgentLanguage> {
    @Override
    public AgentLanguage convert(String value) {
      for (AgentLanguage language : AgentLanguage.values()) {
        if (language.name().equalsIgnoreCase(value.strip())) {
          return language;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a language of agent projects; use java, python or typescript");
    }
  }

  @Override
  public Integer call() {
    Path target;
    AgentScaffold scaffold;
    try {
      target = dir != null ? dir : Path.of(name);
      Path sdk = language == AgentLanguage.JAVA ? SdkRepository.locate().orElse(null) : null;
      scaffold = new AgentScaffold(name, packageName, target, sdk, language);
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
    if (language != AgentLanguage.JAVA) {
      out.println(
          "  (the SDK is copied into the project: "
              + (language == AgentLanguage.PYTHON ? "aispine_agent/" : "vendor/aispine-agent/")
              + ", see README.md)");
    } else if (scaffold.sdkRepository() == null) {
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
    out.println(
        "  "
            + aispine
            + " agent test "
            + target
            + (language == AgentLanguage.JAVA
                ? "    # build it, start it, certify it"
                : "    # run its unit tests, start it, certify it"));
    out.println(
        "  "
            + target.resolve("run")
            + (language == AgentLanguage.JAVA
                ? "    # build it if needed and serve"
                : "    # serve")
            + " it on http://127.0.0.1:8080, signed calls only");
    out.println(
        "  "
            + aispine
            + " agent register http://127.0.0.1:8080 --manifest "
            + target.resolve(language.manifest())
            + " --secret-file "
            + target.resolve(AgentScaffold.SECRET_FILE)
            + "    # on a server, while it runs");
    out.println("Then make it yours: " + target.resolve(scaffold.agentSource()));
    out.flush();
    return ExitCodes.OK;
  }
}
