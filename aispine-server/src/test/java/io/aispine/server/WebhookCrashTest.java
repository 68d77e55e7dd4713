package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server process with SIGKILL while deliveries are due and checks, after a restart on the
 * same store, that every event reached the receiver at least once and that duplicates carry the
 * same {@code webhook-id}, so the receiver can drop them.
 */
class WebhookCrashTest {

  @TempDir Path dataDir;

  @Test
  void every_event_is_delivered_at_least_once_across_a_sigkill_and_dedupes_by_webhook_id()
      throws Exception {
    try (var receiver = WebhookReceiver.start()) {
      receiver.answer(500); // deliveries stay due: the first attempt fails, retries wait
      Process first = launch();
      Set<String> expected = new HashSet<>();
      String key;
      try {
        var lines = lines(first);
        key = value(lines, "KEY ");
        var api = new Api(Integer.parseInt(value(lines, "PORT ")), key);
        assertThat(
                api.postJson(
                        "/api/v1/webhooks",
                        "{\"url\": \"" + receiver.url() + "\", \"event_types\": [\"*\"]}")
                    .status())
            .isEqualTo(201);
        assertThat(api.deploy(ServerTestBase.HELLO).status()).isEqualTo(201);
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          executions.add(api.start("hello", "{\"name\": \"n" + i + "\"}"));
        }
        for (String execution : executions) {
          api.awaitFinished(execution);
          for (JsonNode event :
              api.get("/api/v1/executions/" + execution + "/events?limit=500")
                  .json()
                  .get("items")) {
            expected.add(execution + ":" + event.get("seq").asLong());
          }
        }
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> !receiver.received().isEmpty());
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
        first.waitFor(20, TimeUnit.SECONDS);
      }
      receiver.answer(204);
      Process second = launch();
      try {
        value(lines(second), "PORT ");
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> delivered(receiver).containsAll(expected));
      } finally {
        second.destroyForcibly();
        second.waitFor(20, TimeUnit.SECONDS);
      }
      // every webhook-id names one event: a receiver that remembers ids drops every duplicate
      Map<String, String> eventOfId = new HashMap<>();
      for (var request : receiver.received()) {
        String event = Api.JSON.readTree(request.body()).get("id").asText();
        String before = eventOfId.putIfAbsent(request.id(), event);
        assertThat(before == null || before.equals(event)).isTrue();
      }
      assertThat(new HashSet<>(eventOfId.values())).containsAll(expected);
    }
  }

  private static Set<String> delivered(WebhookReceiver receiver) throws Exception {
    Set<String> ids = new HashSet<>();
    for (var request : receiver.received()) {
      if (request.status() < 300) {
        ids.add(Api.JSON.readTree(request.body()).get("id").asText());
      }
    }
    return ids;
  }

  private Process launch() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            WebhookServerMain.class.getName(),
            dataDir.toString())
        .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolve("child.log").toFile()))
        .start();
  }

  private static BlockingQueue<String> lines(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (var reader =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // killed: its output ends here
              }
            });
    return lines;
  }

  /**
   * The rest of the first line that starts with {@code prefix}, within 120 s (a JVM and a server
   * start, on a machine that may be shared with many builds).
   */
  private String value(BlockingQueue<String> lines, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    Path log = dataDir.resolve("child.log");
    throw new AssertionError(
        "the server printed no '"
            + prefix
            + "' line within 120 s; its log:\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"));
  }
}
