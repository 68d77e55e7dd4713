package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a server process while an every-second schedule is due, restart it on the same store: no
 * instant fires twice, and the fires missed while it was down start one execution ({@code
 * run_once}) rather than none.
 */
class ScheduleCrashTest {

  private static final String FLOW =
      """
      id: ticker
      version: 1.0.0
      inputs:
        at: {type: string}
      triggers:
        - id: every-second
          type: schedule
          cron: "* * * * * *"
          missed: run_once
          inputs: {at: "${trigger.scheduled_at}"}
      nodes:
        - {id: note, agent: echo, with: {at: "${inputs.at}"}}
      """;

  @TempDir Path dataDir;
  @TempDir Path work;
  private final List<Process> children = new CopyOnWriteArrayList<>();

  @AfterEach
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  /** A server in a child JVM; answers its port and admin key once listening. */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path ready = Path.of(args[1]);
    var server = AispineServer.start(new ServerConfig("127.0.0.1", 0, data, null));
    Path tmp = Files.createTempFile(ready.getParent(), "ready", ".tmp");
    Files.writeString(tmp, server.port() + "\n" + server.adminKeyCreated().orElse(""));
    Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }

  private Api startChild(String name, String knownKey) throws Exception {
    Path ready = work.resolve(name + ".ready");
    String java = ProcessHandle.current().info().command().orElse("java");
    var command =
        List.of(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Daispine.trigger.poll=50ms",
            "-Daispine.trigger.grace=1s",
            "-Daispine.trigger.lease=2s",
            "-cp",
            System.getProperty("java.class.path"),
            ScheduleCrashTest.class.getName(),
            dataDir.toString(),
            ready.toString());
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
    children.add(child);
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ready) || !child.isAlive());
    assertThat(child.isAlive()).as(Files.readString(work.resolve(name + ".log"))).isTrue();
    List<String> lines = Files.readAllLines(ready);
    String key = knownKey != null ? knownKey : lines.get(1);
    return new Api(Integer.parseInt(lines.get(0)), key);
  }

  /** A fire: its instant, and when its execution was created. */
  private record Fire(Instant at, Instant created) {}

  /** Every fire of the ticker, oldest instant first. */
  private static List<Fire> fires(Api api) {
    var fires = new ArrayList<Fire>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "/api/v1/executions?flow=ticker&limit=500"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      for (JsonNode item : page.get("items")) {
        JsonNode execution = api.get("/api/v1/executions/" + item.get("id").asText()).json();
        fires.add(
            new Fire(
                Instant.parse(execution.at("/inputs/at").asText()),
                Instant.parse(execution.get("created_at").asText())));
      }
      cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
    } while (cursor != null);
    fires.sort(java.util.Comparator.comparing(Fire::at));
    return fires;
  }

  @Test
  void sigkill_while_schedules_are_due_neither_doubles_nor_skips_under_run_once() throws Exception {
    Api first = startChild("first", null);
    String key = first.key();
    assertThat(first.deploy(FLOW).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> fires(first).size() >= 3);

    Process killed = children.getFirst();
    killed.destroyForcibly(); // SIGKILL: no shutdown hook, the schedule due every second
    killed.waitFor();
    Instant killedAt = Instant.now();
    // the server stays down for several fires (this wait is the outage, not a synchronisation)
    await()
        .pollInterval(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(10))
        .until(() -> Instant.now().isAfter(killedAt.plusSeconds(4)));

    Api second = startChild("second", key);
    Instant restarted = Instant.now();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> fires(second).stream().anyMatch(f -> f.at().isAfter(restarted.plusSeconds(2))));
    List<Fire> fires = fires(second);

    List<Instant> instants = fires.stream().map(Fire::at).toList();
    assertThat(new HashSet<>(instants))
        .as("no instant fires twice: %s", instants)
        .hasSameSizeAs(instants);
    Fire lastBefore =
        fires.stream()
            .filter(f -> f.created().isBefore(killedAt))
            .reduce((a, b) -> b)
            .orElseThrow();
    Fire catchUp = fires.get(fires.indexOf(lastBefore) + 1);
    // several instants fell due while the server was down, and one execution covers them all:
    // the first fire after the restart is one of them, started well after its instant
    assertThat(Duration.between(lastBefore.at(), catchUp.at()))
        .as("fires %s", fires)
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(Duration.between(catchUp.at(), catchUp.created()))
        .as("the catch-up %s was started late, for the missed fires", catchUp)
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }
}
