package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.cli.command.ExitCodes;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
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

    // ./run as printed, where the default java is older than 21: it finds a JDK itself, listens
    // on loopback only and refuses unsigned calls.
    servedByRunScript();
    // The jar alone has no secret, so it refuses to start rather than accept anyone's calls.
    Outcome unsigned = process(work.resolve("demo"), List.of(java(), "-jar", "target/demo.jar"));
    assertThat(unsigned.exitCode()).as(unsigned.output()).isEqualTo(2);
    assertThat(unsigned.output()).contains("no signing secret in $AISPINE_AGENT_SECRET");

    // A manifest whose output_schema the agent's output breaks: the verdict must say so.
    Path manifest = work.resolve("demo/src/main/resources/agent.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"required\": [\"words\", \"characters\"]", "\"required\": [\"sentences\"]"));
    // Without --secret: signed with the project's own agent.secret.
    Outcome uncertified = aispine("agent", "test", "demo", "--requests", "20");
    assertThat(uncertified.exitCode()).as(uncertified.output()).isEqualTo(ExitCodes.FAILED);
    assertThat(uncertified.output())
        .contains("FAIL  execute         output does not match output_schema")
        .contains("NOT CERTIFIED: demo@0.1.0 failed execute");
  }

  private void servedByRunScript() throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    var builder =
        new ProcessBuilder(work.resolve("demo/run").toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("run.log").toFile());
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("PATH", "/usr/bin:/bin"); // here, /usr/bin/java is 17
    builder.environment().put("AISPINE_AGENT_PORT", Integer.toString(port));
    Process served = builder.start();
    try {
      String url = "http://127.0.0.1:" + port;
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .ignoreExceptions()
          .failFast("./run exited: " + log(), () -> !served.isAlive())
          .until(() -> health(url) == 200);
      assertThat(log()).contains("demo 0.1.0 on " + url + " (signed calls only)");
      try (var http = HttpClient.newHttpClient()) {
        var unsigned =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/execute"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"execution_id\":\"ex_1\",\"node\":\"n\",\"attempt\":1,"
                                + "\"idempotency_key\":\"ex_1/n/1\",\"input\":{\"text\":\"a\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(401);
      }
    } finally {
      served.destroy(); // ./run execs java: this stops the agent itself
      served.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private String log() throws Exception {
    return Files.readString(work.resolve("run.log"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Outcome process(Path dir, List<String> command) throws Exception {
    var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().remove("AISPINE_AGENT_SECRET");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return new Outcome(p.exitValue(), out);
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
