package io.aispine.cli.agent;

import io.aispine.cli.certify.CertificationReport;
import io.aispine.cli.certify.CertificationSuite;
import io.aispine.cli.certify.Check;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.OutputFormat;
import io.aispine.cli.output.Terminal;
import io.aispine.cli.project.AgentLanguage;
import io.aispine.cli.project.AgentProject;
import io.aispine.cli.project.AgentProjectException;
import io.aispine.cli.project.AgentScaffold;
import io.aispine.cli.project.RunningAgent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aispine agent test URL|DIR}: the conformance and certification suite, against a running
 * agent or a project that it builds and starts itself.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run the certification suite against an agent: health, manifest, a sample call checked"
          + " against the output schema, the error contract, idempotency, concurrency, a stability"
          + " run and latency.",
      "Given a project directory (such as 'aispine agent create' makes), it builds it with its"
          + " Maven wrapper and starts the jar (Java), or runs its unit tests and starts its ./run"
          + " (Python, TypeScript), on a free port; then tests it and stops it.",
      "Exit code 0 when certified, 1 when a check failed or the project did not build or start."
    })
final class AgentTestCommand implements Callable<Integer> {

  /** How long a built agent may take to answer {@code /health}. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "URL|DIR",
      description =
          "The agent's base URL, such as http://127.0.0.1:8080, or its project directory.")
  String target;

  @Option(
      names = "--requests",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Calls in the stability run (default 1000).")
  int requests;

  @Option(
      names = "--concurrency",
      defaultValue = "100",
      paramLabel = "N",
      description = "Calls sent at once by the concurrency check (default 100).")
  int concurrency;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      description =
          "Sign calls with this secret (default: --secret-file, else $AISPINE_AGENT_SECRET, else a"
              + " project's agent.secret; none: unsigned).")
  String secret;

  @Option(
      names = "--secret-file",
      paramLabel = "FILE",
      description = "Sign calls with the secret in this file, such as a project's agent.secret.")
  Path secretFile;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      converter = OutputFormat.Converter.class,
      description =
          "text (default: a readable report) or json (the report for machines); table means text.")
  OutputFormat output;

  @Override
  public Integer call() {
    if (requests < 1 || concurrency < 1) {
      // Checked before a project is built for nothing.
      throw new CliException(ExitCodes.USAGE, "--requests and --concurrency must be at least 1");
    }
    var out = new Output(spec.commandLine().getOut(), output);
    if (target.startsWith("http://") || target.startsWith("https://")) {
      var report = ReportPrinter.runSuite(target, signingSecret(null), requests, concurrency, out);
      return report.certified() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    Path dir = Path.of(target);
    if (!Files.isDirectory(dir)) {
      throw new CliException(
          ExitCodes.USAGE,
          "'"
              + target
              + "' is neither an agent URL nor a project directory; give one like"
              + " http://127.0.0.1:8080, or the directory 'aispine agent create' made");
    }
    if (!AgentProject.isProject(dir)) {
      throw new CliException(
          ExitCodes.USAGE,
          dir
              + " has no pom.xml, agent.py or agent.js, so it is not an agent project; create one"
              + " with 'aispine agent create NAME [--lang java|python|typescript]'");
    }
    return testProject(new AgentProject(dir), out);
  }

  /** Builds, starts, tests and stops the project; progress goes to stderr when stdout is JSON. */
  private int testProject(AgentProject project, Output out) {
    PrintWriter progress = out.isJson() ? spec.commandLine().getErr() : out.writer();
    try {
      boolean built = project.language() == AgentLanguage.JAVA;
      progress.println(
          (built ? "Building " : "Testing ")
              + project.directory()
              + " ("
              + project.buildCommand()
              + ")");
      progress.flush();
      long start = System.nanoTime();
      AgentProject.Launch launch =
          project.prepare(
              line -> {
                progress.println("  | " + line);
                progress.flush();
              });
      progress.printf(
          java.util.Locale.ROOT,
          built ? "Built %s in %.1f s%n" : "Unit tests of %s passed in %.1f s%n",
          built ? launch.shown() : project.directory().getFileName(),
          (System.nanoTime() - start) / 1e9);
      progress.flush();
      start = System.nanoTime();
      CertificationReport report;
      String signing = signingSecret(project);
      try (var agent = RunningAgent.start(launch, signing, START_TIMEOUT)) {
        progress.printf(
            java.util.Locale.ROOT,
            "Started %s at %s in %.1f s (pid %d, output in %s)%n",
            built ? Path.of(launch.shown()).getFileName() : launch.shown(),
            agent.url(),
            (System.nanoTime() - start) / 1e9,
            agent.pid(),
            project.directory().relativize(launch.log()));
        progress.flush();
        report = ReportPrinter.runSuite(agent.url(), signing, requests, concurrency, out);
      }
      progress.println("Stopped the agent");
      progress.flush();
      return report.certified() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (AgentProjectException e) {
      throw new CliException(
          e.environment() ? ExitCodes.ENVIRONMENT : ExitCodes.FAILED, e.getMessage());
    }
  }

  /**
   * The secret that signs the calls: {@code --secret}, {@code --secret-file}, {@code
   * $AISPINE_AGENT_SECRET}, else the project's {@code agent.secret} when testing a {@code project}.
   */
  private String signingSecret(AgentProject project) {
    if (secret != null) {
      return secret;
    }
    if (secretFile != null) {
      return read(secretFile, "--secret-file");
    }
    String env = System.getenv("AISPINE_AGENT_SECRET");
    if (env != null && !env.isBlank()) {
      return env;
    }
    if (project != null) {
      Path file = project.directory().resolve(AgentScaffold.SECRET_FILE);
      return Files.isRegularFile(file) ? read(file, "the project's secret") : null;
    }
    return null;
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file).strip();
    } catch (java.io.IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }

  /** Prints checks as they end and the verdict, or the whole report as JSON. */
  static final class ReportPrinter {

    private ReportPrinter() {}

    static CertificationReport runSuite(
        String url, String secret, int requests, int concurrency, Output out) {
      PrintWriter w = out.writer();
      Terminal terminal = Terminal.detect();
      if (!out.isJson()) {
        w.println("Testing agent at " + url + " (" + requests + " stability calls)");
        w.flush();
      }
      var suite =
          new CertificationSuite(
              url,
              secret,
              requests,
              concurrency,
              check -> {
                if (!out.isJson()) {
                  w.println(
                      "  "
                          + badge(terminal, check.status())
                          + "  "
                          + pad(check.name())
                          + check.detail());
                  w.flush();
                }
              });
      CertificationReport report = suite.run();
      if (out.isJson()) {
        out.json(report);
      } else {
        String agent =
            report.agent() == null ? "the agent" : report.agent() + "@" + report.version();
        w.println(
            report.certified()
                ? terminal.green("CERTIFIED") + ": " + agent + " passes every check"
                : terminal.red("NOT CERTIFIED")
                    + ": "
                    + agent
                    + " failed "
                    + String.join(", ", report.failed()));
        w.flush();
      }
      return report;
    }

    private static String badge(Terminal terminal, Check.Status status) {
      return switch (status) {
        case PASS -> terminal.green("PASS");
        case WARN -> terminal.yellow("WARN");
        case FAIL -> terminal.red("FAIL");
      };
    }

    private static String pad(String name) {
      return name + " ".repeat(Math.max(1, 16 - name.length()));
    }
  }
}
