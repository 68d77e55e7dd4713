package io.aispine.cli;

import io.aispine.engine.ExecutionState;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aispine demo}: runs the bundled showcase flow on a throw-away embedded store with live
 * progress, then explains what happened.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the bundled demo flow (parallel branches, a retry, a decision) on a temporary",
      "embedded store with live progress, then explain what happened."
    })
final class DemoCommand implements Callable<Integer> {

  static final String DEMO_RESOURCE = "/examples/flows/demo.yaml";

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
    Flow flow = FlowParser.parse(resource(DEMO_RESOURCE), "examples/flows/demo.yaml");
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("aispine-demo-");
    out.println(term.bold("AI Spine demo") + ": " + flow.description().strip());
    out.println(term.dim("Embedded store: " + dir.resolve("aispine.db")));
    out.println();
    try (var local = LocalEngine.open(dir)) {
      ExecutionState result =
          Executions.runToEnd(
              local.engine(),
              flow,
              Map.of(),
              Duration.ofMinutes(5),
              new ProgressPrinter(out, flow, term));
      new ResultView(local.engine(), flow, result).printText(out, term);
      out.println();
      out.println(term.bold("What happened"));
      new Explanation(local.engine(), result).lines().forEach(l -> out.println("  • " + l));
      out.println();
      out.println(
          "Next: bin/aispine run examples/flows/parallel.yaml   (more in examples/flows/, docs/flows.md)");
      out.flush();
      return ResultView.exitCode(result);
    } finally {
      if (dataDir == null) {
        deleteQuietly(dir);
      }
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new CliException(
            ExitCodes.ENVIRONMENT, "the distribution lacks " + name + "; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is harmless; the OS cleans it
    }
  }
}
