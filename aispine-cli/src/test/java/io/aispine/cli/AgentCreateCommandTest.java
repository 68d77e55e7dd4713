package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.cli.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  void creates_a_python_project_that_carries_its_sdk_and_runs_with_nothing_to_install()
      throws Exception {
    Path dir = work.resolve("word-count");
    CliRun run =
        CliRun.of("agent", "create", "word-count", "--lang", "python", "--dir", dir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("  agent.py", "  test_agent.py", "  agent.json", "  aispine_agent/_server.py")
        .contains("the SDK is copied into the project: aispine_agent/")
        .contains("--manifest " + dir.resolve("agent.json") + " --secret-file")
        .contains("Then make it yours: " + dir.resolve("agent.py"))
        .doesNotContain("pom.xml", "mvnw");
    assertThat(Files.isExecutable(dir.resolve("run"))).isTrue();
    assertThat(Files.getPosixFilePermissions(dir.resolve("agent.secret")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(dir.resolve("aispine_agent/_server.py")))
        .isEqualTo(Files.readString(Path.of("../sdks/python/agent/aispine_agent/_server.py")));
    assertThat(Files.readString(dir.resolve(".gitignore"))).contains("agent.secret");
  }

  @Test
  void creates_a_typescript_project_with_the_compiled_sdk_and_its_types() throws Exception {
    Path dir = work.resolve("word-count");
    CliRun run =
        CliRun.of("agent", "create", "word-count", "--lang", "typescript", "--dir", dir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("  agent.js", "  agent.test.js", "  package.json", "  jsconfig.json")
        .contains("  vendor/aispine-agent/index.js", "  vendor/aispine-agent/index.d.ts")
        .contains("the SDK is copied into the project: vendor/aispine-agent/");
    assertThat(Files.readString(dir.resolve("agent.js")))
        .startsWith("// @ts-check")
        .contains("from \"./vendor/aispine-agent/index.js\"");
    // The typecheck installs the very compiler and Node types the SDK is built with.
    String sdkPackage = Files.readString(Path.of("../sdks/typescript/agent/package.json"));
    String projectPackage = Files.readString(dir.resolve("package.json"));
    for (String tool : List.of("typescript", "@types/node")) {
      Matcher pinned = Pattern.compile("\"" + tool + "\": \"([^\"]+)\"").matcher(sdkPackage);
      assertThat(pinned.find()).as(tool + " in the SDK's package.json").isTrue();
      assertThat(projectPackage).contains(pinned.group());
    }
  }

  @Test
  void refuses_an_unknown_language_naming_the_choices() {
    CliRun run =
        CliRun.of(
            "agent", "create", "demo", "--lang", "rust", "--dir", work.resolve("d").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("'rust' is not a language of agent projects")
        .contains("use java, python or typescript");
    assertThat(work.resolve("d")).doesNotExist();
  }

  @Test
  void refuses_a_java_package_for_a_python_agent() {
    CliRun run =
        CliRun.of(
            "agent",
            "create",
            "demo",
            "--lang",
            "python",
            "--package",
            "org.acme",
            "--dir",
            work.resolve("d").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--package names the Java package", "python agent");
  }

  @Test
  void agent_test_runs_a_python_projects_unit_tests_and_stops_when_they_fail() throws Exception {
    Path dir = work.resolve("demo");
    assertThat(
            CliRun.of("agent", "create", "demo", "--lang", "python", "--dir", dir.toString())
                .exitCode())
        .isZero();
    Path agent = dir.resolve("agent.py");
    Files.writeString(
        agent, Files.readString(agent).replace("len(text.split())", "len(text.split()) + 1"));

    CliRun run = CliRun.of("agent", "test", dir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out())
        .contains("Testing " + dir + " (python3 -m unittest)")
        .contains("  | FAIL: test_execute_counts_the_words_and_characters_of_the_text")
        .doesNotContain("Started");
    assertThat(run.err()).contains("the unit tests failed (python3 -m unittest exited with 1)");
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
    assertThat(run.err())
        .contains("has no pom.xml, agent.py or agent.js", "--lang java|python|typescript");
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
