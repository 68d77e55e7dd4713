package io.aispine.cli;

import io.aispine.sdk.Agent;
import io.aispine.sdk.AgentRegistration;
import io.aispine.sdk.AispineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine agent register NAME AGENT_URL --version V}: registers an HTTP agent version. */
@Command(
    name = "register",
    description = {
      "Register a version of an HTTP agent.",
      "An HTTP agent is a service implementing docs/agent-contract.md. Flows then call it as NAME"
          + " or NAME@RANGE."
    })
final class AgentRegisterCommand extends RemoteCommand {

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "V",
      description = "Its semantic version, e.g. 1.0.0.")
  String version;

  @Parameters(
      index = "1",
      paramLabel = "AGENT_URL",
      description = "Its base URL, serving /health and /execute.")
  String agentUrl;

  @Option(names = "--description", paramLabel = "TEXT", description = "What it does.")
  String description;

  @ArgGroup(exclusive = true)
  SecretSource secret;

  /** The signing secret, given directly (visible in the process list) or read from a file. */
  static final class SecretSource {
    @Option(
        names = "--secret",
        paramLabel = "SECRET",
        description = "The secret that signs calls to it (visible to 'ps'; prefer --secret-file).")
    String value;

    @Option(
        names = "--secret-file",
        paramLabel = "FILE",
        description = "A file holding the signing secret.")
    Path file;

    String read() {
      if (value != null) {
        return value;
      }
      try {
        return Files.readString(file).strip();
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.USAGE, "cannot read --secret-file " + file + ": " + e.getMessage());
      }
    }
  }

  @Override
  int run(AispineClient client, Output out) {
    Agent agent =
        client.registerAgent(
            new AgentRegistration(
                name, version, agentUrl, description, secret == null ? null : secret.read()));
    if (out.isJson()) {
      out.json(agent);
    } else {
      out.writer().println("Registered " + name + "@" + version + " at " + agentUrl);
      out.writer().println("Check it with: aispine agent health " + name);
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
