package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound webhooks end to end: a real server, real flows and a real receiver on loopback. */
class WebhooksTest extends ServerTestBase {

  private WebhookReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void delivers_signed_cloudevents_that_a_standard_webhooks_verifier_accepts() throws Exception {
    Api.Answer created =
        api.postJson(
            "/api/v1/webhooks",
            "{\"url\": \"" + receiver.url() + "\", \"event_types\": [\"execution.*\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    String secret = created.json().get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    // shown once: never again, in no answer
    assertThat(api.get("/api/v1/webhooks/" + id).body())
        .doesNotContain(secret)
        .doesNotContain("whsec_");
    assertThat(api.get("/api/v1/webhooks").body()).doesNotContain("whsec_");
    assertThat(api.get("/api/v1/secrets").body()).doesNotContain(id);

    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    String execution = api.start("hello", "{\"name\": \"Ada\"}");
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 2);

    var verifier = new StandardWebhooksVerifier(secret);
    List<String> types = new ArrayList<>();
    for (WebhookReceiver.Received delivery : receiver.received()) {
      assertThat(verifier.verify(delivery.headers(), delivery.body(), Instant.now())).isTrue();
      assertThat(delivery.headers().get("content-type")).isEqualTo("application/cloudevents+json");
      JsonNode event = Api.JSON.readTree(delivery.body());
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
      assertThat(event.get("source").asText()).isEqualTo("/executions/" + execution);
      types.add(event.get("type").asText());
      // a tampered body fails the same check
      byte[] tampered = delivery.body().clone();
      tampered[tampered.length - 2] ^= 1;
      assertThat(verifier.verify(delivery.headers(), tampered, Instant.now())).isFalse();
    }
    // only what the patterns name: no node.* events
    // deliveries run concurrently: order is not promised (receivers order by data.seq)
    assertThat(types)
        .containsExactlyInAnyOrder(
            "io.aispine.execution.started", "io.aispine.execution.completed");

    JsonNode log = api.get("/api/v1/webhooks/" + id + "/deliveries").json().get("items");
    assertThat(log).hasSize(2);
    for (JsonNode delivery : log) {
      assertThat(delivery.get("status").asText()).isEqualTo("delivered");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
      assertThat(delivery.get("response_code").asInt()).isEqualTo(204);
      assertThat(delivery.has("latency_ms")).isTrue();
    }
  }

  @Test
  void refuses_urls_the_outbound_policy_denies_and_patterns_that_are_no_event_types() {
    Api.Answer metadata =
        api.postJson(
            "/api/v1/webhooks",
            "{\"url\": \"http://169.254.169.254/latest/meta-data\", \"event_types\": [\"*\"]}");
    assertThat(metadata.status()).isEqualTo(400);
    assertThat(metadata.body()).contains("outbound-denied").contains("AISPINE_OUTBOUND_ALLOW");
    Api.Answer privateNet =
        api.postJson(
            "/api/v1/webhooks", "{\"url\": \"http://10.0.0.7/hook\", \"event_types\": [\"*\"]}");
    assertThat(privateNet.status()).isEqualTo(400);
    Api.Answer file =
        api.postJson(
            "/api/v1/webhooks", "{\"url\": \"file:///etc/passwd\", \"event_types\": [\"*\"]}");
    assertThat(file.status()).isEqualTo(400);
    assertThat(file.body()).contains("only http:// and https://");
    Api.Answer noTypes =
        api.postJson(
            "/api/v1/webhooks", "{\"url\": \"" + receiver.url() + "\", \"event_types\": []}");
    assertThat(noTypes.status()).isEqualTo(400);
    assertThat(noTypes.body()).contains("/event_types");
    Api.Answer badType =
        api.postJson(
            "/api/v1/webhooks",
            "{\"url\": \"" + receiver.url() + "\", \"event_types\": [\"node.*\", \"Node%\"]}");
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.body()).contains("/event_types/1");
    assertThat(api.get("/api/v1/webhooks").json().get("items")).isEmpty();
  }

  @Test
  void keeps_each_workspace_s_events_and_webhooks_to_itself() {
    for (String ws : List.of("acme", "globex")) {
      assertThat(
              api.postJson("/api/v1/workspaces", "{\"id\": \"" + ws + "\", \"plan\": \"scale\"}")
                  .status())
          .isEqualTo(201);
    }
    Api acme = new Api(server.port(), key("acme"));
    Api globex = new Api(server.port(), key("globex"));
    String hook =
        acme.postJson(
                "/api/v1/webhooks",
                "{\"url\": \"" + receiver.url() + "\", \"event_types\": [\"*\"]}")
            .json()
            .get("id")
            .asText();
    assertThat(globex.get("/api/v1/webhooks/" + hook).status()).isEqualTo(404);
    assertThat(globex.get("/api/v1/webhooks").json().get("items")).isEmpty();
    assertThat(globex.post("/api/v1/webhooks/" + hook + "/test").status()).isEqualTo(404);

    assertThat(globex.deploy(HELLO).status()).isEqualTo(201);
    globex.awaitFinished(globex.start("hello", "{\"name\": \"Grace\"}"));
    // the outbox is written with each event: globex's finished run queued nothing for acme
    assertThat(acme.get("/api/v1/webhooks/" + hook + "/deliveries").json().get("items")).isEmpty();

    // flow ids are unique across the server: acme's has its own
    assertThat(acme.deploy(HELLO.replace("id: hello", "id: hello-acme")).status()).isEqualTo(201);
    String mine = acme.start("hello-acme", "{\"name\": \"Ada\"}");
    acme.awaitFinished(mine);
    int events = acme.get("/api/v1/executions/" + mine + "/events").json().get("items").size();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> receiver.received().size() >= events);
    assertThat(receiver.received())
        .allSatisfy(r -> assertThat(new String(r.body())).contains("/executions/" + mine));
  }

  private String key(String workspace) {
    Api.Answer created =
        api.postJson(
            "/api/v1/keys",
            "{\"name\": \"w\", \"role\": \"admin\", \"workspace\": \"" + workspace + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asText();
  }
}
