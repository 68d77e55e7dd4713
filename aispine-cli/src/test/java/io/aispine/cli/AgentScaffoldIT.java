package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aispine agent create demo && aispine agent test demo} with the packaged CLI in a fresh
 * directory, as a user would: a real Maven build of the generated project (its own wrapper, the SDK
 * from the distribution's repository, the rest from ~/.m2 or Maven Central), the agent as its own
 * process, the certification suite over loopback.
 */
class AgentScaffoldIT {

  private static final Path DIST = Path.of(System.getProperty("aispine.dist", "target/aispine"));
  private static final Pattern STARTED = Pattern.compile("Started demo\\.jar at (http://\\S+)");

  @TempDir Path work;

  private record Outcome(int exitCode, String output) {}

  private Outcome aispine(String... args) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(DIST.resolve("lib").toAbsolutePath() + "/*");
    command.add("io.aispine.cli.Main");
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    // Kept in target/failsafe-reports/*-output.txt: the build and start-up times are in it.
    System.out.println("$ aispine " + String.join(" ", args) + "\n" + out);
    return new Outcome(p.exitValue(), out);
  }

  @Test
  void created_agent_builds_and_is_certified_and_one_breaking_its_schema_is_not() throws Exception {
    Outcome created = aispine("agent", "create", "demo");
    assertThat(created.exitCode()).as(created.output()).isZero();
    assertThat(created.output())
        .contains("Created agent demo in " + work.resolve("demo").toRealPath() + ":")
        .contains("the SDK comes from " + DIST.resolve("repo").toRealPath());

    // Signed: the agent gets the secret and refuses unsigned calls, the suite signs each one.
    Outcome tested = aispine("agent", "test", "demo", "--requests", "200", "--secret", "it-secret");

    assertThat(tested.exitCode()).as(tested.output()).isZero();
    assertThat(tested.output())
        .contains("Building ", "(./mvnw -B -q package)", "Built target/demo.jar in ")
        .contains("PASS  manifest        demo@0.1.0, schemas valid")
        .contains("PASS  execute         sample_input succeeded")
        .contains("CERTIFIED: demo@0.1.0 passes every check")
        .contains("Stopped the agent");
    assertThat(work.resolve("demo/target/lib"))
        .isDirectoryContaining("glob:**/aispine-agent-sdk-*.jar");
    assertThat(Files.readString(work.resolve("demo/target/aispine-agent.log")))
        .doesNotContain("accepts unsigned requests");
    var started = STARTED.matcher(tested.output());
    assertThat(started.find()).as(tested.output()).isTrue();
    assertThatThrownBy(() -> health(started.group(1)))
        .as("the agent is stopped once tested")
        .hasCauseInstanceOf(ConnectException.class);

    // A manifest whose output_schema the agent's output breaks: the verdict must say so.
    Path manifest = work.resolve("demo/src/main/resources/agent.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"required\": [\"words\", \"characters\"]", "\"required\": [\"sentences\"]"));
    Outcome uncertified = aispine("agent", "test", "demo", "--requests", "20");
    assertThat(uncertified.exitCode()).as(uncertified.output()).isEqualTo(ExitCodes.FAILED);
    assertThat(uncertified.output())
        .contains("FAIL  execute         output does not match output_schema")
        .contains("NOT CERTIFIED: demo@0.1.0 failed execute");
  }

  private static int health(String url) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url + "/health")).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }
}
