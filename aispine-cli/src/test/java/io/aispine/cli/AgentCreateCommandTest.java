package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.cli.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine agent create} and the project checks of {@code agent test DIR}, in-process. */
class AgentCreateCommandTest {

  @TempDir Path work;

  @Test
  void creates_a_project_and_prints_its_files_and_the_next_steps() {
    Path dir = work.resolve("text-stats");
    CliRun run =
        CliRun.of(
            "agent", "create", "text-stats", "--dir", dir.toString(), "--package", "org.acme");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(dir.resolve("src/main/java/org/acme/TextStatsAgent.java")).exists();
    assertThat(run.out())
        .contains("Created agent text-stats in " + dir + ":")
        .contains("  pom.xml", "  src/main/resources/agent.json", "  mvnw")
        .contains("aispine agent test " + dir)
        .contains("\n  " + dir.resolve("run") + " ")
        .contains(
            "aispine agent register http://127.0.0.1:8080 --manifest "
                + dir.resolve("src/main/resources/agent.json")
                + " --secret-file "
                + dir.resolve("agent.secret"))
        .doesNotContain("java -jar")
        .contains(dir.resolve("src/main/java/org/acme/TextStatsAgent.java").toString());
  }

  @Test
  void refuses_an_invalid_name_as_bad_usage() {
    CliRun run = CliRun.of("agent", "create", "My_Agent", "--dir", work.resolve("x").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("agent name 'My_Agent' must be lower-case letters");
    assertThat(work.resolve("x")).doesNotExist();
  }

  @Test
  void refuses_an_invalid_package_as_bad_usage() {
    CliRun run =
        CliRun.of(
            "agent", "create", "demo", "--dir", work.resolve("d").toString(), "--package", "a-b");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'a-b' is not a Java package name");
  }

  @Test
  void refuses_to_write_into_a_directory_that_is_not_empty() throws Exception {
    Path dir = Files.createDirectories(work.resolve("demo"));
    Files.writeString(dir.resolve("keep.txt"), "mine");

    CliRun run = CliRun.of("agent", "create", "demo", "--dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("will not create demo in " + dir)
        .contains("not empty; choose another with --dir");
    assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine");
    assertThat(dir.resolve("pom.xml")).doesNotExist();
  }

  @Test
  void agent_test_refuses_a_directory_without_a_pom() {
    CliRun run = CliRun.of("agent", "test", work.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("has no pom.xml", "aispine agent create");
  }

  @Test
  void agent_test_refuses_a_stability_run_of_no_calls_before_building_anything() throws Exception {
    Files.writeString(work.resolve("pom.xml"), "<project/>");

    CliRun run = CliRun.of("agent", "test", work.toString(), "--requests", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--requests and --concurrency must be at least 1");
    assertThat(run.out()).doesNotContain("Building");
  }

  @Test
  void agent_test_refuses_what_is_neither_a_url_nor_a_directory() {
    CliRun run = CliRun.of("agent", "test", work.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is neither an agent URL nor a project directory");
  }
}
