package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, giving up and disabling, on a server whose clock the test moves: a retry becomes due
 * when the clock passes its time, so no test waits for backoff delays.
 */
class WebhookRetriesTest extends ServerTestBase {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T09:00:00Z"));
  private WebhookReceiver receiver;

  @Override
  protected InstantSource clock() {
    return clock;
  }

  @BeforeEach
  void startReceiver() {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void retries_after_500s_under_the_same_webhook_id_until_the_receiver_takes_it() throws Exception {
    String hook = subscribe();
    receiver.answer(500);
    assertThat(api.post("/api/v1/webhooks/" + hook + "/test").status()).isEqualTo(202);
    awaitRequests(1);
    awaitAttempts(hook, 1);
    // not due before its backoff: moving the clock makes it due
    clock.advance(Duration.ofMinutes(1));
    awaitRequests(2);
    awaitAttempts(hook, 2);
    receiver.answer(200);
    clock.advance(Duration.ofMinutes(1));
    awaitRequests(3);
    JsonNode delivery = awaitAttempts(hook, 3);
    assertThat(delivery.get("status").asText()).isEqualTo("delivered");
    assertThat(delivery.get("response_code").asInt()).isEqualTo(200);
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Received::id)
        .containsOnly(delivery.get("id").asText());
    // each attempt is signed anew, with its own timestamp, and verifies
    assertThat(receiver.received())
        .extracting(r -> r.headers().get("webhook-timestamp"))
        .doesNotHaveDuplicates();
  }

  @Test
  void disables_a_webhook_that_fails_for_24_hours_and_redelivering_enables_it_again()
      throws Exception {
    String hook = subscribe();
    receiver.answer(503);
    api.post("/api/v1/webhooks/" + hook + "/test");
    int attempts = 1;
    awaitAttempts(hook, attempts);
    JsonNode webhook = api.get("/api/v1/webhooks/" + hook).json();
    while (webhook.get("enabled").asBoolean()) {
      assertThat(attempts).as("attempts before giving up").isLessThan(60);
      clock.advance(Duration.ofHours(3));
      awaitAttempts(hook, ++attempts);
      webhook = api.get("/api/v1/webhooks/" + hook).json();
    }
    JsonNode failed = api.get("/api/v1/webhooks/" + hook + "/deliveries").json().at("/items/0");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("last_error").asText()).contains("503").contains("gave up");
    assertThat(webhook.get("disabled_reason").asText()).contains(failed.get("id").asText());
    JsonNode audit = api.get("/api/v1/audit").json().get("items");
    assertThat(audit.findValuesAsText("action")).contains("webhook.disable");

    // a disabled webhook queues nothing: a new test delivery waits until it is enabled
    receiver.answer(204);
    int before = receiver.received().size();
    Api.Answer redelivered = api.postJson("/api/v1/webhooks/" + hook + "/redeliver", "{}");
    assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(200);
    assertThat(redelivered.json().get("queued").asInt()).isEqualTo(1);
    assertThat(redelivered.json().get("enabled").asBoolean()).isTrue();
    awaitRequests(before + 1);
    JsonNode delivered = awaitAttempts(hook, attempts + 1);
    assertThat(delivered.get("status").asText()).isEqualTo("delivered");
    assertThat(api.get("/api/v1/webhooks/" + hook).json().get("enabled").asBoolean()).isTrue();
  }

  @Test
  void redelivers_one_delivery_by_hand_and_names_an_unknown_one() {
    String hook = subscribe();
    api.post("/api/v1/webhooks/" + hook + "/test");
    JsonNode delivered = awaitAttempts(hook, 1);
    assertThat(delivered.get("status").asText()).isEqualTo("delivered");
    String id = delivered.get("id").asText();
    Api.Answer again =
        api.postJson("/api/v1/webhooks/" + hook + "/redeliver", "{\"delivery\": \"" + id + "\"}");
    assertThat(again.json().get("queued").asInt()).isEqualTo(1);
    awaitRequests(2);
    assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsOnly(id);
    Api.Answer unknown =
        api.postJson("/api/v1/webhooks/" + hook + "/redeliver", "{\"delivery\": \"msg_nope\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("msg_nope").contains("/deliveries");
  }

  private String subscribe() {
    Api.Answer created =
        api.postJson(
            "/api/v1/webhooks",
            "{\"url\": \"" + receiver.url() + "\", \"event_types\": [\"approval.*\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private void awaitRequests(int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> receiver.received().size() >= count);
  }

  /** Waits until the newest delivery has recorded {@code attempts} attempts; returns it. */
  private JsonNode awaitAttempts(String hook, int attempts) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get("/api/v1/webhooks/" + hook + "/deliveries").json().at("/items/0"),
            d -> d.path("attempts").asInt() >= attempts);
  }
}
