package io.aispine.cli.demo;

import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.FlowVersion;
import io.aispine.api.ProviderRequest;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.flow.FlowDeployCommand;
import io.aispine.cli.output.ExecutionWatcher;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.cli.output.Terminal;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.EventStream;
import io.aispine.server.AispineServer;
import io.aispine.server.FlowApproval;
import io.aispine.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aispine demo examples}: starts an embedded server on a throw-away data dir, deploys the
 * bundled examples through the API, runs the showcase with live progress from the event stream and
 * the other examples beside it, explains what happened, and stops the server.
 */
@Command(
    name = "examples",
    mixinStandardHelpOptions = true,
    description = {
      "Run the bundled example flows on a throw-away embedded server and explain what happened.",
      "It starts a server on a temporary data dir, deploys the examples, runs the showcase"
          + " (parallel branches, a retry, a decision) with live progress from the event stream and"
          + " the other examples beside it, explains what happened, and stops."
    })
public final class ExamplesDemoCommand implements Callable<Integer> {

  /** The bundled examples (examples/flows/NAME.yaml), showcase first; a test keeps it complete. */
  public static final List<String> EXAMPLES =
      List.of(
          "demo",
          "hello",
          "parallel",
          "sequential",
          "decision",
          "retry",
          "error-handling",
          "triggers",
          "wait",
          "approval",
          "loop",
          "foreach",
          "fork",
          "subflow",
          "llm-triage");

  /** Inputs for the examples that declare required inputs without defaults. */
  private static final Map<String, Map<String, Object>> INPUTS =
      Map.of("decision", Map.of("amount", 120), "approval", Map.of("amount", 40));

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Keep the demo's store in DIR instead of a temporary directory.")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var term = Terminal.detect();
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("aispine-demo-");
    try {
      return run(out, term, dir);
    } finally {
      if (dataDir == null) {
        deleteQuietly(dir);
      }
    }
  }

  private int run(PrintWriter out, Terminal term, Path dir) throws Exception {
    out.println(term.bold("AI Spine demo") + ": a mini KYC check-in, run by a real server.");
    // The demo's server is its own, on loopback in a fresh data dir: its one admin is author and
    // reviewer, so it deploys with self-approval whatever AISPINE_FLOW_APPROVAL says.
    ServerConfig config =
        new ServerConfig("127.0.0.1", 0, dir, null).withFlowApproval(FlowApproval.SELF);
    try (var server = AispineServer.start(config);
        var client =
            AispineClient.builder()
                .baseUrl("http://127.0.0.1:" + server.port())
                .token(server.adminKeyCreated().orElseGet(() -> readKey(server.adminKeyFile())))
                .build();
        // the llm example talks to a stand-in model server that speaks OpenAI's protocol
        var model = StandInLlm.start()) {
      model.script(StandInLlm.Reply.text("{\"label\": \"bug\", \"urgency\": 4}", 42, 12));
      client.putProvider(
          "stand-in",
          new ProviderRequest("openai", model.url() + "/v1", "gpt-4o-mini", null, null, true));
      out.println(
          term.dim(
              "Embedded server on http://127.0.0.1:"
                  + server.port()
                  + ", store "
                  + dir.resolve("aispine.db")));
      FlowVersion parallel = null;
      for (String name : EXAMPLES) {
        FlowVersion flow =
            client.deployApprovedFlow(resource("/examples/flows/" + name + ".yaml")).flow();
        parallel = name.equals("parallel") ? flow : parallel;
      }
      out.println(
          "Deployed and approved "
              + EXAMPLES.size()
              + " example flows (self-approval: a local server): "
              + String.join(", ", EXAMPLES)
              + ".");
      out.println();

      // the other examples run beside the showcase, as they would on a shared server
      var others = new LinkedHashMap<String, String>();
      for (String name : EXAMPLES.subList(1, EXAMPLES.size())) {
        others.put(name, client.startExecution(name, INPUTS.getOrDefault(name, Map.of())).id());
      }
      // a person would answer the approval example; the demo answers it as soon as it is asked
      EventStream approver = approveWhenAsked(client, others.get("approval"));
      String showcase = client.startExecution("demo", Map.of()).id();
      ExecutionStatus status = new ExecutionWatcher(client, out, term).watch(showcase, "Running");

      Execution done = client.getExecution(showcase);
      printOutputs(out, term, done);
      out.println();
      out.println(term.bold("What happened"));
      new Explanation(done, client.history(showcase)).lines().forEach(l -> out.println("  • " + l));
      out.println();

      boolean othersOk = printOthers(out, term, client, others);
      approver.close();
      out.println(
          "  (the approval example waited for a human answer; the demo approved it with"
              + " POST /api/v1/approvals/{id}/approve)");
      out.println();
      printNext(out, dir, parallel);
      out.flush();
      return status == ExecutionStatus.SUCCEEDED && othersOk ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** What to do next, with commands that work as printed once the demo's server is gone. */
  private void printNext(PrintWriter out, Path dir, FlowVersion parallel) {
    String aispine = Hint.aispine();
    if (dataDir != null) {
      out.println("Stopping the server; every state change above stays in " + dir + ".");
      out.println(
          "Look at it again: '"
              + aispine
              + " server --data-dir "
              + dir
              + "', and in another terminal '"
              + aispine
              + " init --data-dir "
              + dir
              + " && "
              + aispine
              + " approvals list --status all'.");
    } else {
      out.println(
          "Stopping the server and deleting its temporary store (keep it with --data-dir DIR).");
    }
    out.println("Next: run '" + aispine + " server' here, and in another terminal here:");
    out.println(
        "  "
            + aispine
            + " init && "
            + aispine
            + " flow deploy "
            + exampleFile("parallel")
            // a local server lets its author approve: without --approve the run is refused
            + " --approve && "
            + FlowDeployCommand.runCommand(parallel)
            + "      (docs/cli.md)");
  }

  /**
   * An example's file as a path that exists from here: {@code examples/flows/NAME.yaml} in this
   * directory, else in {@code $AISPINE_HOME} (set by bin/aispine); the relative path otherwise.
   */
  private static String exampleFile(String name) {
    Path relative = Path.of("examples", "flows", name + ".yaml");
    String home = System.getenv("AISPINE_HOME");
    if (!Files.isRegularFile(relative) && home != null && !home.isBlank()) {
      Path installed = Path.of(home).resolve(relative);
      if (Files.isRegularFile(installed)) {
        return installed.toString();
      }
    }
    return relative.toString();
  }

  private static void printOutputs(PrintWriter out, Terminal term, Execution done) {
    out.println();
    out.println(
        term.bold("Execution " + done.id())
            + "  "
            + done.status().name().toLowerCase(Locale.ROOT)
            + (done.finishedAt() == null
                ? ""
                : "  in "
                    + ProgressPrinter.ms(
                        Duration.between(done.createdAt(), done.finishedAt()).toMillis())));
    if (done.error() != null) {
      out.println("  error: " + done.error().code() + " " + done.error().message());
    }
    if (!done.outputs().isEmpty()) {
      out.println("  outputs:");
      done.outputs().forEach((k, v) -> out.println("    " + k + ": " + Output.compactJson(v)));
    }
  }

  /** Approves the execution's approvals as soon as its event stream announces them. */
  private static EventStream approveWhenAsked(AispineClient client, String executionId) {
    return client.stream(
        executionId,
        null,
        event -> {
          if (event.type().equals("approval.requested")) {
            client.approve((String) event.data().get("approval_id"), "approved by the demo");
          }
        });
  }

  /** Waits for the other examples through their event streams; true when all succeeded. */
  private static boolean printOthers(
      PrintWriter out, Terminal term, AispineClient client, Map<String, String> executions)
      throws InterruptedException {
    out.println(term.bold("The other examples") + ", run at the same time on the same server:");
    var streams = new ArrayList<EventStream>();
    for (String id : executions.values()) {
      streams.add(client.stream(id, null, event -> {}));
    }
    for (EventStream stream : streams) {
      stream.await(); // each stream ends after its execution's terminal event
      stream.close();
    }
    boolean ok = true;
    int width = executions.keySet().stream().mapToInt(String::length).max().orElse(10);
    for (var entry : executions.entrySet()) {
      Execution e = client.getExecution(entry.getValue());
      boolean succeeded = e.status() == ExecutionStatus.SUCCEEDED;
      ok &= succeeded;
      String status = e.status().name().toLowerCase(Locale.ROOT);
      out.printf(
          Locale.ROOT,
          "  %-" + width + "s  %s  %8s  %d node%s%n",
          entry.getKey(),
          succeeded
              ? term.green(String.format("%-9s", status))
              : term.red(String.format("%-9s", status)),
          e.finishedAt() == null
              ? "?"
              : ProgressPrinter.ms(Duration.between(e.createdAt(), e.finishedAt()).toMillis()),
          e.nodes().size(),
          e.nodes().size() == 1 ? "" : "s");
    }
    return ok;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ExamplesDemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new CliException(
            ExitCodes.ENVIRONMENT, "the distribution lacks " + name + "; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String readKey(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new CliException(ExitCodes.ENVIRONMENT, "cannot read the admin key " + file);
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is harmless; the OS cleans it
    }
  }
}
