package io.aispine.cli;

import io.aispine.cli.certify.CertificationReport;
import io.aispine.cli.certify.CertificationSuite;
import io.aispine.cli.certify.Check;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aispine agent test URL}: the conformance and certification suite. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run the certification suite against an agent: health, manifest, a sample call checked"
          + " against the output schema, the error contract, idempotency, concurrency, a stability"
          + " run and latency.",
      "Exit code 0 when certified, 1 when a check failed."
    })
final class AgentTestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "URL",
      description = "The agent's base URL, such as http://127.0.0.1:8080.")
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
      description = "Sign calls with this secret (default: $AISPINE_AGENT_SECRET; none: unsigned).")
  String secret;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table (default: a readable report) or json (the report for machines).")
  ViewFormat output;

  @Override
  public Integer call() {
    if (!target.startsWith("http://") && !target.startsWith("https://")) {
      throw new CliException(
          ExitCodes.USAGE,
          "'" + target + "' is not an agent URL; give one like http://127.0.0.1:8080");
    }
    var out = new Output(spec.commandLine().getOut(), output);
    var report = ReportPrinter.runSuite(target, signingSecret(), requests, concurrency, out);
    return report.certified() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private String signingSecret() {
    return secret != null ? secret : System.getenv("AISPINE_AGENT_SECRET");
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
