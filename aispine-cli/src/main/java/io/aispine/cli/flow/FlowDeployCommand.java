package io.aispine.cli.flow;

import io.aispine.api.Agent;
import io.aispine.api.FlowVersion;
import io.aispine.api.FlowVersionStatus;
import io.aispine.api.Problem;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.cli.remote.RemoteErrors;
import io.aispine.flow.AgentNames;
import io.aispine.flow.FlowParser;
import io.aispine.flow.FlowProblem;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.FlowDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine flow deploy FILE}: deploys a flow version from its YAML file. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploy a flow version from its YAML file, as a draft: it runs once an admin approves it"
          + " ('flow approve'), or at once with --approve where self-approval is allowed.",
      "Deploying the same id, version and content again changes nothing; other content under a"
          + " deployed version is refused: bump 'version'."
    })
public final class FlowDeployCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The flow's YAML file.")
  Path file;

  @Option(
      names = "--approve",
      description =
          "Approve the version as you deploy it; only a server that lets authors approve their own"
              + " drafts (a local development server) accepts this.")
  boolean approve;

  @Override
  protected int run(AispineClient client, Output out) {
    String yaml = read(file);
    refuseMisspeltAgents(client, yaml);
    FlowDeployment deployment;
    try {
      deployment = approve ? client.deployApprovedFlow(yaml) : client.deployFlow(yaml);
    } catch (AispineApiException e) {
      throw explain(e);
    }
    if (out.isJson()) {
      out.json(deployment.flow());
    } else {
      var flow = deployment.flow();
      out.writer()
          .println(
              deployment.created()
                  ? "Deployed " + flow.ref() + " (" + flow.nodes().size() + " nodes)"
                  : flow.ref() + " is already deployed with this content; nothing changed");
      if (flow.review() == null || flow.review().status() == FlowVersionStatus.APPROVED) {
        out.writer().println("Run it with: " + runCommand(flow));
      } else if (flow.review().status() == FlowVersionStatus.DRAFT) {
        out.writer()
            .println(
                "It is a draft and cannot run until approved. Review it: "
                    + Hint.aispine()
                    + " flow diff "
                    + flow.ref()
                    + "; approve it: "
                    + Hint.aispine()
                    + " flow approve "
                    + flow.ref());
      } else {
        out.writer().println("It was rejected: " + flow.review().reason());
      }
      out.writer().flush();
    }
    return ExitCodes.OK;
  }

  /**
   * Checks the flow here first, against the server's agents, so that a misspelt agent name gets a
   * "did you mean" (the server's own check, which still follows, names it without one). Problems
   * print as the server's do; nothing is deployed.
   */
  private void refuseMisspeltAgents(AispineClient client, String yaml) {
    var agents = AgentNames.of(client.listAgents().stream().map(Agent::name).toList());
    List<FlowProblem> problems = FlowParser.validate(yaml, file.toString(), agents);
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err().println(problem));
      err().flush();
      throw new CliException(
          ExitCodes.FAILED, "flow is invalid (" + problems.size() + " problem(s))");
    }
  }

  /** {@code aispine flow run ID -i name=<value> … --wait}: runnable once the values are filled. */
  public static String runCommand(FlowVersion flow) {
    var command = new StringBuilder(Hint.aispine()).append(" flow run ").append(flow.id());
    flow.inputs()
        .forEach(
            (name, input) -> {
              if (input.required() && input.defaultValue() == null) {
                command.append(" -i ").append(name).append("=<value>");
              }
            });
    return command.append(" --wait").toString();
  }

  private RuntimeException explain(AispineApiException e) {
    Problem p = e.problem();
    if (e.status() == 422) {
      // The same shape as 'aispine validate': FILE line L col C: message, one per problem.
      p.errors().forEach(error -> err().println(file + " " + error));
      err().flush();
      return new CliException(
          ExitCodes.FAILED,
          "flow is invalid ("
              + Math.max(1, p.errors().size())
              + " problem(s))"
              + (p.errors().isEmpty() ? ": " + RemoteErrors.describe(p) : ""));
    }
    if (e.status() == 409) {
      return new CliException(
          ExitCodes.FAILED,
          RemoteErrors.describe(p) + "; bump 'version' in " + file + " to deploy a new version");
    }
    return e;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "cannot read flow file " + file + ": " + e.getMessage());
    }
  }
}
