package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.standin.whatsapp.GraphApiStandIn;
import io.aispine.standin.whatsapp.SentMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "ask for a new photo, at most 3 tries" loop: each message starts an execution of its own, and
 * the inbox tells the flow which try of the conversation's session it is ({@code attempt}).
 */
class WhatsAppPhotoAttemptsTest extends ServerTestBase {

  private static final String PHONE_NUMBER_ID = "106540352242999";
  private static final String TOKEN = "EAAJB-attempts-token";
  private static final String APP_SECRET = "attempts-app-secret";

  /** kyc_onboarding's loop in small: a text 'readable' stands for a photo that could be read. */
  static final String RETRY =
      """
      id: photo-retry
      version: 1.0.0
      inputs:
        phone: {type: string, required: true}
        text: {type: string, default: ""}
        attempt: {type: integer, default: 1}
      nodes:
        - id: readable
          type: decision
          when:
            - if: "inputs.text == 'readable'"
              then: confirm
            - if: "inputs.attempt >= 3"
              then: hand_over
          else: ask_again
        - id: confirm
          agent: whatsapp
          with: {to: "${inputs.phone}", text: "read at try ${inputs.attempt}"}
        - id: ask_again
          agent: whatsapp
          with: {to: "${inputs.phone}", text: "try ${inputs.attempt}: please send a new photo"}
        - id: hand_over
          agent: whatsapp
          with: {to: "${inputs.phone}", text: "try ${inputs.attempt}: a colleague will help"}
      outputs:
        verdict: "${nodes.confirm.output.message_id}"
      """;

  private static GraphApiStandIn graph;

  @BeforeAll
  static void startGraphApi() {
    graph = GraphApiStandIn.start(PHONE_NUMBER_ID, TOKEN, APP_SECRET);
  }

  @AfterAll
  static void stopGraphApi() {
    graph.close();
  }

  @Override
  protected ServerConfig config() {
    return super.config()
        .withWhatsApp(
            new WhatsAppConfig(
                graph.baseUrl(),
                null,
                PHONE_NUMBER_ID,
                TOKEN,
                APP_SECRET,
                "verify",
                "photo-retry",
                dataDir.resolve("media")));
  }

  @BeforeEach
  void deployAndPointTheWebhook() {
    graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    assertThat(api.deploy(RETRY).status()).isEqualTo(201);
  }

  @Test
  void tries_are_counted_across_messages_and_the_third_unreadable_one_hands_over()
      throws Exception {
    String guest = "34611000111";

    List<String> replies =
        List.of(
            say(guest, "blurry", 1),
            say(guest, "blurry again", 2),
            say(guest, "still blurry", 3),
            say(guest, "readable", 4),
            say(guest, "a new document", 5));

    assertThat(replies)
        .containsExactly(
            "try 1: please send a new photo",
            "try 2: please send a new photo",
            "try 3: a colleague will help",
            "read at try 4",
            // a verdict ends the session's tries: the next photo is a first try again
            "try 1: please send a new photo");
  }

  @Test
  void each_sender_has_tries_of_its_own() throws Exception {
    String first = "34611000222";
    String second = "34611000333";

    say(first, "blurry", 1);
    say(first, "blurry", 2);

    assertThat(say(second, "blurry", 1)).isEqualTo("try 1: please send a new photo");
  }

  /** Sends {@code text} from {@code guest} and waits for the flow's reply number {@code n}. */
  private String say(String guest, String text, int n) throws InterruptedException {
    assertThat(graph.sendText(guest, "Guest", text).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> graph.sentTo(guest).size() >= n);
    // as a guest does, the next photo comes after the answer: the execution has finished
    await().atMost(Duration.ofSeconds(20)).until(this::allFinished);
    SentMessage reply = graph.sentTo(guest).get(n - 1);
    return reply.text();
  }

  private boolean allFinished() {
    JsonNode items = api.get("/api/v1/executions?flow=photo-retry").json().get("items");
    for (JsonNode execution : items) {
      if (!execution.get("status").asText().equals("succeeded")) {
        return false;
      }
    }
    return true;
  }
}
