package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.channel.InboundMessage;
import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.standin.whatsapp.GraphApiStandIn;
import io.aispine.standin.whatsapp.SentMessage;
import io.aispine.store.InboundMessageRecord;
import io.aispine.store.jdbc.JdbcStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end over WhatsApp: the stand-in Graph API plays the guest's phone and Meta, delivering
 * signed webhooks to the real server, which runs a flow whose {@code whatsapp} agent downloads the
 * photo in two steps and answers through {@code POST /{phone-number-id}/messages}.
 */
class WhatsAppConversationTest extends ServerTestBase {

  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final String TOKEN = "EAAJB-test-access-token";
  private static final String APP_SECRET = "app-secret-of-the-meta-app";
  private static final String VERIFY_TOKEN = "verify-me";

  /** The guest sends a photo; the flow asks them to confirm with buttons and waits for the tap. */
  static final String CHECKIN =
      """
      id: guest-checkin
      version: 1.0.0
      inputs:
        phone: {type: string, required: true}
        name: {type: string, default: guest}
        media_id: {type: string, required: true}
      nodes:
        - id: photo
          agent: whatsapp
          action: download_media
          with: {media_id: "${inputs.media_id}"}
        - id: ask
          agent: whatsapp
          action: send_buttons
          needs: [photo]
          with:
            to: "${inputs.phone}"
            text: "Thanks ${inputs.name}, we got your photo (${nodes.photo.output.size} bytes, ${nodes.photo.output.mime_type}). Check in now?"
            buttons: [{id: "yes", title: "Check in"}, {id: "no", title: "Not now"}]
        - id: answer
          type: approval
          needs: [ask]
          message: "Does ${inputs.phone} check in?"
          approvers: {roles: [guest]}
          timeout: 1h
        - id: route
          type: decision
          needs: [answer]
          when:
            - if: "nodes.answer.output.approved"
              then: confirm
          else: later
        - id: confirm
          agent: whatsapp
          with: {to: "${inputs.phone}", text: "You're checked in, ${inputs.name}. Room 214."}
        - id: later
          agent: whatsapp
          with: {to: "${inputs.phone}", text: "No problem, see you later."}
      outputs:
        checked_in: "${nodes.answer.output.approved}"
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
                VERIFY_TOKEN,
                "guest-checkin",
                dataDir.resolve("media")));
  }

  @BeforeEach
  void deployAndPointTheWebhook() {
    graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    assertThat(api.deploy(CHECKIN).status()).isEqualTo(201);
  }

  @Test
  void photo_in_buttons_out_tap_in_confirmation_out_and_a_redelivery_is_processed_once()
      throws Exception {
    String guest = "34600111222";
    byte[] photo = "JPEG bytes of a passport photo".getBytes(StandardCharsets.UTF_8);

    GraphApiStandIn.Delivered first =
        graph.sendImage(guest, "Ada Lovelace", photo, "image/jpeg", null);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"received\":1");

    SentMessage question = awaitSent(guest, 1).getFirst();
    assertThat(question.type()).isEqualTo("interactive");
    assertThat(question.text())
        .isEqualTo(
            "Thanks Ada Lovelace, we got your photo ("
                + photo.length
                + " bytes, image/jpeg)."
                + " Check in now?");
    assertThat(question.body().at("/interactive/action/buttons/0/reply/id").asText())
        .isEqualTo("yes");
    assertThat(graph.read()).contains(first.messageId());

    // Meta delivers the same message again: recognised, nothing new starts or is sent
    GraphApiStandIn.Delivered again = graph.redeliver(first.messageId());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicates\":1");
    assertThat(executionsOfCheckin()).hasSize(1);

    GraphApiStandIn.Delivered tap = graph.tapButton(guest, "Ada Lovelace", "yes", "Check in");
    assertThat(tap.status()).isEqualTo(200);
    List<SentMessage> sent = awaitSent(guest, 2);
    assertThat(sent.get(1).type()).isEqualTo("text");
    assertThat(sent.get(1).text()).isEqualTo("You're checked in, Ada Lovelace. Room 214.");

    String executionId = executionsOfCheckin().getFirst().get("id").asText();
    JsonNode done = api.awaitFinished(executionId);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/checked_in").asBoolean()).isTrue();
    assertThat(executionsOfCheckin()).hasSize(1);
    assertThat(graph.sentTo(guest)).hasSize(2);
  }

  @Test
  void a_no_button_takes_the_other_branch() throws Exception {
    String guest = "34600333444";
    graph.sendImage(guest, "Bob", new byte[] {1, 2, 3}, "image/png", "my id");
    awaitSent(guest, 1);

    graph.tapButton(guest, "Bob", "no", "Not now");

    assertThat(awaitSent(guest, 2).get(1).text()).isEqualTo("No problem, see you later.");
  }

  @Test
  void forged_or_unsigned_deliveries_are_refused_and_nothing_is_recorded() throws Exception {
    String guest = "34600555666";
    byte[] body = delivery(guest, "wamid.forged.1");

    var forged = graph.postRaw(body, "sha256=" + "0".repeat(64));
    var unsigned = graph.postRaw(body, null);
    var otherSecret = graph.postRaw(body, graph.sign("tampered".getBytes(StandardCharsets.UTF_8)));

    assertThat(List.of(forged.status(), unsigned.status(), otherSecret.status())).containsOnly(401);
    assertThat(forged.body()).contains("X-Hub-Signature-256");
    assertThat(executionsOfCheckin()).isEmpty();
    assertThat(graph.sentTo(guest)).isEmpty();
    // the same bytes correctly signed are new to the server: the refusals recorded nothing
    var genuine = graph.postRaw(body, graph.sign(body));
    assertThat(genuine.status()).isEqualTo(200);
    assertThat(genuine.body()).contains("\"received\":1").contains("\"duplicates\":0");
  }

  @Test
  void answers_the_verification_handshake_only_with_the_verify_token() {
    var ok =
        webhookGet(
            "hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444");
    var wrong = webhookGet("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
    var incomplete = webhookGet("hub.mode=subscribe");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.contentType()).startsWith("application/problem+json");
    assertThat(incomplete.status()).isEqualTo(400);
  }

  @Test
  void a_message_received_before_a_restart_is_finished_once_after_it() throws Exception {
    String guest = "34600777888";
    graph.sendImage(guest, "Cy", new byte[] {9, 9}, "image/jpeg", null);
    awaitSent(guest, 1);

    restart();
    graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    graph.tapButton(guest, "Cy", "yes", "Check in");

    assertThat(awaitSent(guest, 2).get(1).text()).startsWith("You're checked in, Cy.");
    assertThat(executionsOfCheckin()).hasSize(1);
  }

  @Test
  void a_message_recorded_but_not_processed_before_a_crash_is_processed_once_after_restart()
      throws Exception {
    String guest = "34600999000";
    String mediaId = graph.addMedia(new byte[] {7, 7, 7}, "image/jpeg");
    var message =
        new InboundMessage(
            "wamid.crash.1", guest, "Di", "image", null, mediaId, "image/jpeg", null, "1");
    server.close();
    // what the webhook had made durable when the process died: received, not yet processed
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store
          .conversations()
          .receive(
              new InboundMessageRecord(
                  "whatsapp", message.id(), guest, message.toMap(), Instant.now(), null, null));
    }

    restart();

    assertThat(awaitSent(guest, 1).getFirst().text()).startsWith("Thanks Di, we got your photo (3");
    assertThat(executionsOfCheckin()).hasSize(1);
    restart();
    graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    byte[] again = delivery(guest, message.id());
    assertThat(graph.postRaw(again, graph.sign(again)).body()).contains("\"duplicates\":1");
    assertThat(executionsOfCheckin()).hasSize(1);
    assertThat(graph.sentTo(guest)).hasSize(1);
  }

  private Api.Answer webhookGet(String query) {
    return Api.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp?" + query))
            .GET()
            .build());
  }

  private static byte[] delivery(String from, String messageId) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
            + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\""
            + PHONE_NUMBER_ID
            + "\"},\"messages\":[{\"from\":\""
            + from
            + "\",\"id\":\""
            + messageId
            + "\",\"timestamp\":\"1733600000\",\"type\":\"text\",\"text\":{\"body\":\"hola\"}}]}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private List<JsonNode> executionsOfCheckin() {
    JsonNode page = api.get("/api/v1/executions?flow=guest-checkin").json();
    return page.get("items") == null ? List.of() : toList(page.get("items"));
  }

  private static List<JsonNode> toList(JsonNode array) {
    var list = new java.util.ArrayList<JsonNode>();
    array.forEach(list::add);
    return list;
  }

  private static List<SentMessage> awaitSent(String to, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> graph.sentTo(to).size() >= count);
    return graph.sentTo(to);
  }
}
