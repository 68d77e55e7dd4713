package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aispine.cli.command.ExitCodes;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aispine webhooks add|list|test|deliveries|redeliver} against a real server and receiver.
 */
class WebhookCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private HttpServer receiver;
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private String key;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    key = server.adminKeyCreated().orElseThrow();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    server.close();
    System.clearProperty("aispine.config");
  }

  private CliRun remote(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.port(), "--token", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void adds_lists_tests_shows_deliveries_and_redelivers() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    var add = remote("webhooks", "add", url, "--events", "execution.*,node.failed", "-o", "json");
    assertThat(add.exitCode()).as(add.err()).isZero();
    JsonNode hook = JSON.readTree(add.out());
    String id = hook.get("id").asText();
    assertThat(hook.get("secret").asText()).startsWith("whsec_");

    var list = remote("webhooks", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains(id).contains("execution.*,node.failed").contains("enabled");
    assertThat(list.out()).doesNotContain("whsec_");

    var test = remote("webhooks", "test", id);
    assertThat(test.exitCode()).as(test.err()).isZero();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ids.size() == 1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> remote("webhooks", "deliveries", id).out().contains("delivered"));
    var deliveries = remote("webhooks", "deliveries", id, "-o", "json");
    String delivery = JSON.readTree(deliveries.out()).at("/items/0/id").asText();
    assertThat(delivery).isEqualTo(ids.getFirst());

    var again = remote("webhooks", "redeliver", id, "--delivery", delivery);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("queued 1 delivery");
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ids.size() == 2);
    assertThat(ids).containsOnly(delivery);

    var missing = remote("webhooks", "test", "wh_nope");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    var denied = remote("webhooks", "add", "http://169.254.169.254/x");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.err()).contains("denied");
  }
}
