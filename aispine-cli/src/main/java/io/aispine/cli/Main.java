package io.aispine.cli;

import io.aispine.cli.agent.AgentCommand;
import io.aispine.cli.approval.ApprovalsCommand;
import io.aispine.cli.audit.AuditCommand;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.LogSettings;
import io.aispine.cli.demo.DemoCommand;
import io.aispine.cli.execution.ExecutionCommand;
import io.aispine.cli.flow.FlowCommand;
import io.aispine.cli.key.KeysCommand;
import io.aispine.cli.llm.BudgetCommand;
import io.aispine.cli.llm.CostsCommand;
import io.aispine.cli.llm.ProviderCommand;
import io.aispine.cli.local.ResumeCommand;
import io.aispine.cli.local.RunCommand;
import io.aispine.cli.local.ValidateCommand;
import io.aispine.cli.mcp.McpCommand;
import io.aispine.cli.panic.PanicCommand;
import io.aispine.cli.remote.AuthCommand;
import io.aispine.cli.remote.InitCommand;
import io.aispine.cli.secret.SecretsCommand;
import io.aispine.cli.server.ServerCommand;
import io.aispine.cli.trigger.TriggersCommand;
import io.aispine.cli.webhook.WebhooksCommand;
import io.aispine.cli.workspace.WorkspaceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aispine} command line. */
@Command(
    name = "aispine",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "AI Spine: a durable orchestrator for AI agents.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      DemoCommand.class,
      ResumeCommand.class,
      ServerCommand.class,
      InitCommand.class,
      AuthCommand.class,
      FlowCommand.class,
      ExecutionCommand.class,
      ApprovalsCommand.class,
      AuditCommand.class,
      AgentCommand.class,
      PanicCommand.class,
      SecretsCommand.class,
      TriggersCommand.class,
      KeysCommand.class,
      WorkspaceCommand.class,
      ProviderCommand.class,
      CostsCommand.class,
      BudgetCommand.class,
      WebhooksCommand.class,
      McpCommand.class,
      CommandLine.HelpCommand.class,
      picocli.AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 execution failed or flow invalid, 2 bad usage,",
      "            3 invalid inputs, 4 execution cancelled, 5 environment error,",
      "            6 server unreachable, 7 API key refused, 8 not found on the server.",
      "Docs: docs/cli.md, docs/flows.md"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests that capture output and exit codes. */
  public static CommandLine commandLine() {
    var cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(Main::withLogSettings);
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    return cli;
  }

  /** Applies AISPINE_LOG_FORMAT and AISPINE_LOG_LEVEL, then runs the command. */
  private static int withLogSettings(CommandLine.ParseResult parsed) {
    try {
      LogSettings.fromEnvironment(System.getenv()).apply();
    } catch (CliException e) {
      throw new CommandLine.ExecutionException(
          parsed.commandSpec().commandLine(), e.getMessage(), e);
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
