package io.aispine.cli.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aispine.api.Agent;
import io.aispine.api.AgentVersion;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.HelpOption;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.cli.remote.RemoteErrors;
import io.aispine.sdk.AgentRegistration;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.AispineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aispine agent register}: registers an HTTP agent version from its manifest (a file, or the
 * agent's own {@code GET /manifest}), or by name and version alone.
 */
@Command(
    name = "register",
    description = {
      "Register a version of an HTTP agent.",
      "An HTTP agent is a service implementing docs/agent-contract.md; flows then call it as NAME"
          + " or NAME@RANGE. Three forms:",
      "  register AGENT_URL --manifest agent.json   the manifest from a file (JSON or YAML)",
      "  register AGENT_URL                         the server reads the agent's GET /manifest",
      "  register NAME AGENT_URL --version V        no manifest: no schemas checked"
    })
final class AgentRegisterCommand extends RemoteCommand {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(
      arity = "1..2",
      paramLabel = "[NAME] AGENT_URL",
      description = "The agent's name (only with --version) and its base URL, serving /execute.")
  List<String> positional;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "Its semantic version, e.g. 1.0.0 (with NAME, without a manifest).")
  String version;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "The agent's manifest (agent.json): name, version, schemas, pricing, limits.")
  Path manifest;

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
  protected int run(AispineClient client, Output out) {
    String agentUrl = positional.getLast();
    String name = positional.size() == 2 ? positional.getFirst() : null;
    String signingSecret = secret == null ? null : secret.read();
    Agent agent;
    Map<String, Object> fields = null;
    boolean existed = false;
    try {
      if (name != null) {
        if (version == null || manifest != null) {
          throw usage("with NAME give --version (and no --manifest)");
        }
        existed = isRegistered(client, name, version);
        agent =
            client.registerAgent(
                new AgentRegistration(name, version, agentUrl, description, signingSecret));
      } else {
        if (version != null) {
          throw usage("--version goes with NAME; a manifest carries its own version");
        }
        fields = manifest == null ? null : readManifest();
        if (fields != null && description != null) {
          fields.put("description", description);
        } else if (fields == null && description != null) {
          throw usage("--description needs --manifest or NAME; the agent's manifest has its own");
        }
        existed =
            fields != null
                && isRegistered(client, text(fields.get("name")), text(fields.get("version")));
        agent = client.registerAgent(fields, agentUrl, signingSecret);
      }
    } catch (AispineApiException e) {
      // A 409 for a version registered before: it is there with another URL or manifest.
      throw e.status() == 409 && existed ? conflict(e) : e;
    }
    if (out.isJson()) {
      out.json(agent);
    } else if (existed) {
      String registered = registeredVersion(agent, agentUrl, fields);
      out.writer()
          .println(
              agent.name()
                  + "@"
                  + registered
                  + " is already registered at "
                  + agentUrl
                  + (manifest == null ? "" : " with this manifest")
                  + "; nothing changed");
      out.writer().flush();
    } else {
      String registered = registeredVersion(agent, agentUrl, fields);
      out.writer().println("Registered " + agent.name() + "@" + registered + " at " + agentUrl);
      out.writer().println("Check it with: " + Hint.aispine() + " agent show " + agent.name());
      out.writer().flush();
    }
    return ExitCodes.OK;
  }

  /**
   * The version just registered: the one sent, else (a fetched manifest) the newest at this URL.
   */
  private String registeredVersion(Agent agent, String agentUrl, Map<String, Object> fields) {
    if (version != null) {
      return version;
    }
    if (fields != null && fields.get("version") != null) {
      return String.valueOf(fields.get("version"));
    }
    return agent.versions().stream()
        .filter(v -> agentUrl.equals(v.url()) && v.createdAt() != null)
        .max(Comparator.comparing(AgentVersion::createdAt))
        .map(AgentVersion::version)
        .orElse("?");
  }

  /** Whether {@code name@version} is registered already (false when either is unknown). */
  private static boolean isRegistered(AispineClient client, String name, String version) {
    if (name == null || version == null) {
      return false;
    }
    try {
      client.getAgentVersion(name, version);
      return true;
    } catch (AispineApiException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** A refusal (409) that says how to register a change: as a new version. */
  private CliException conflict(AispineApiException e) {
    String how =
        manifest != null
            ? "bump \"version\" in "
                + manifest
                + " (and in the agent's pom.xml, if it has one) and register again"
            : positional.size() == 2
                ? "register it under a new --version"
                : "bump the version in the agent's manifest and register again";
    return new CliException(
        ExitCodes.FAILED,
        RemoteErrors.describe(e.problem()) + "; nothing changed. To change it, " + how);
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }

  private Map<String, Object> readManifest() {
    try {
      String text = Files.readString(manifest);
      boolean json =
          !(manifest.toString().endsWith(".yaml") || manifest.toString().endsWith(".yml"));
      Map<String, Object> fields =
          (json ? JSON : YAML).readValue(text, new TypeReference<Map<String, Object>>() {});
      if (fields == null) {
        throw usage("--manifest " + manifest + " is empty");
      }
      return new LinkedHashMap<>(fields);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "cannot read --manifest " + manifest + ": " + e.getMessage());
    }
  }

  private static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, "agent register: " + message);
  }
}
