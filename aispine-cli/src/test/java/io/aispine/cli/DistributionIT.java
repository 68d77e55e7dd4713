package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged distribution as a user would: separate JVMs, real files, a real kill -9. */
class DistributionIT {

  @TempDir Path work;

  private static final Path DIST = Path.of(System.getProperty("aispine.dist", "target/aispine"));

  private ProcessBuilder aispine(String... args) {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(DIST.resolve("lib").toAbsolutePath() + "/*");
    command.add("io.aispine.cli.Main");
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private record Outcome(int exitCode, String output) {}

  private Outcome run(String... args) throws Exception {
    Process p = aispine(args).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), out);
  }

  @Test
  void packaged_cli_answers_help_and_version() throws Exception {
    var help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.output()).contains("run", "validate", "demo", "resume");
    var version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.output()).contains("aispine 0.1.0");
  }

  @Test
  void packaged_cli_runs_a_flow_and_prints_json() throws Exception {
    var result =
        run(
            "run",
            "src/test/resources/flows/greet.yaml",
            "-i",
            "name=Dist",
            "--data-dir",
            work.toString(),
            "-o",
            "json");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("\"status\" : \"succeeded\"").contains("Hello Dist x1");
  }

  @Test
  void execution_killed_with_sigkill_mid_run_resumes_and_applies_each_node_once() throws Exception {
    Path data = work.resolve("data");
    Process runner =
        aispine("run", "src/test/resources/flows/slow-chain.yaml", "--data-dir", data.toString())
            .redirectOutput(work.resolve("run.log").toFile())
            .start();
    // Kill it once the third step has started: two steps are done, one is in flight.
    waitForLine(work.resolve("run.log"), "s3", 60);
    runner.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
    runner.waitFor(30, TimeUnit.SECONDS);

    var resumed = run("resume", "--data-dir", data.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isZero();
    assertThat(resumed.output()).contains("Resuming 1 unfinished execution").contains("succeeded");

    try (var store = JdbcStore.openDataDir(data)) {
      var executions = store.executions().list(null, 10);
      assertThat(executions).hasSize(1);
      var execution = executions.get(0);
      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      var completions =
          store.executions().events(execution.id(), 0, 10_000).stream()
              .filter(e -> e.type() == EventType.NODE_COMPLETED)
              .collect(Collectors.groupingBy(e -> e.nodePath(), Collectors.counting()));
      assertThat(completions)
          .containsOnlyKeys("s1", "s2", "s3", "s4", "s5")
          .allSatisfy((node, count) -> assertThat(count).as(node).isEqualTo(1L));
    }
  }

  private static void waitForLine(Path log, String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)
          && lines(log).stream().anyMatch(l -> l.contains(text) && l.contains("started"))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no line with '" + text + "' in " + log + ":\n" + String.join("\n", lines(log)));
  }

  private static List<String> lines(Path log) throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
