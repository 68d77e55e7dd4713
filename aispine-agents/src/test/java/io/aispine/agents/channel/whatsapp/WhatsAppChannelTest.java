package io.aispine.agents.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.channel.Delivery;
import io.aispine.agents.channel.InboundMessage;
import io.aispine.agents.channel.InvalidDeliveryException;
import io.aispine.standin.whatsapp.GraphApiStandIn;
import io.aispine.standin.whatsapp.SentMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Cloud API client and the {@code whatsapp} agent against the stand-in Graph API over HTTP. */
class WhatsAppChannelTest {

  private static final String PHONE_ID = "106540352242922";
  private static final String TOKEN = "EAAJB-token";
  private static final String SECRET = "the-app-secret";

  private static GraphApiStandIn graph;

  @TempDir Path media;

  @BeforeAll
  static void start() {
    graph = GraphApiStandIn.start(PHONE_ID, TOKEN, SECRET);
  }

  @AfterAll
  static void stop() {
    graph.close();
  }

  private WhatsAppConfig config(String token) {
    return new WhatsAppConfig(
        graph.baseUrl(), null, PHONE_ID, token, SECRET, "verify", null, media);
  }

  private Agent agent(String token) {
    return new WhatsAppAgentProvider(new WhatsAppChannel(config(token))).create();
  }

  private static AgentCall call(String action, Map<String, Object> input) {
    return new AgentCall("ex_1", "reply", 1, "ex_1/reply/1", action, input, Map.of(), null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> output(AgentResult result) {
    return (Map<String, Object>) ((AgentResult.Success) result).output();
  }

  @Test
  void sends_text_buttons_and_templates_as_the_cloud_api_expects() throws Exception {
    Agent agent = agent(TOKEN);

    var text = output(agent.execute(call(null, Map.of("to", "3460001", "text", "Hello"))));
    agent.execute(
        call(
            "send_buttons",
            Map.of(
                "to",
                "3460001",
                "text",
                "Check in?",
                "buttons",
                List.of(Map.of("id", "yes", "title", "Yes"), "no"))));
    agent.execute(
        call(
            "send_template",
            Map.of(
                "to",
                "3460001",
                "template",
                Map.of(
                    "name",
                    "checkin_ready",
                    "language",
                    "es",
                    "parameters",
                    List.of("Ada", 214)))));

    List<SentMessage> sent = graph.sentTo("3460001");
    assertThat(sent)
        .extracting(SentMessage::type)
        .containsExactly("text", "interactive", "template");
    assertThat(text.get("message_id")).isEqualTo(sent.get(0).id());
    assertThat(sent.get(0).body().at("/messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(sent.get(0).body().at("/text/body").asText()).isEqualTo("Hello");
    assertThat(sent.get(1).body().at("/interactive/type").asText()).isEqualTo("button");
    assertThat(sent.get(1).body().at("/interactive/action/buttons/1/reply/id").asText())
        .isEqualTo("no");
    assertThat(sent.get(2).body().at("/template/language/code").asText()).isEqualTo("es");
    assertThat(sent.get(2).body().at("/template/components/0/parameters/1/text").asText())
        .isEqualTo("214");
  }

  @Test
  void downloads_media_in_two_steps_into_a_file_named_by_its_hash() throws Exception {
    byte[] bytes = "%PDF-1.7 a scanned ID".getBytes(StandardCharsets.UTF_8);
    String mediaId = graph.addMedia(bytes, "application/pdf");

    var out = output(agent(TOKEN).execute(call("download_media", Map.of("media_id", mediaId))));

    assertThat(out)
        .containsEntry("mime_type", "application/pdf")
        .containsEntry("size", bytes.length);
    assertThat(Files.readAllBytes(Path.of((String) out.get("file")))).isEqualTo(bytes);
    assertThat(out.get("file").toString()).endsWith(out.get("sha256") + ".pdf");
    assertThat(Base64.getDecoder().decode((String) out.get("content_base64"))).isEqualTo(bytes);
  }

  @Test
  void marks_a_message_read() throws Exception {
    agent(TOKEN).execute(call("mark_read", Map.of("message_id", "wamid.in.42")));

    assertThat(graph.read()).contains("wamid.in.42");
  }

  @Test
  void a_refused_token_or_an_unknown_media_is_a_permanent_error() {
    assertThatThrownBy(() -> agent("wrong").execute(call(null, Map.of("to", "1", "text", "x"))))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("401");
    assertThatThrownBy(
            () -> agent(TOKEN).execute(call("download_media", Map.of("media_id", "nope"))))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("downloading media nope");
    assertThatThrownBy(() -> agent(TOKEN).execute(call("send_message", Map.of("to", "1"))))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("input 'text' is required");
  }

  @Test
  void an_unreachable_graph_api_is_a_retryable_error() {
    var config =
        new WhatsAppConfig(
            java.net.URI.create("http://127.0.0.1:1"),
            null,
            PHONE_ID,
            TOKEN,
            SECRET,
            null,
            null,
            media);
    Agent agent = new WhatsAppAgentProvider(new WhatsAppChannel(config)).create();

    assertThatThrownBy(() -> agent.execute(call(null, Map.of("to", "1", "text", "x"))))
        .isInstanceOf(AgentException.Retryable.class)
        .hasMessageContaining("could not be reached");
  }

  @Test
  void reads_signed_deliveries_and_refuses_unsigned_or_malformed_ones() throws Exception {
    var channel = new WhatsAppChannel(config(TOKEN));
    byte[] body =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
                + "{\"field\":\"messages\",\"value\":{\"contacts\":[{\"profile\":{\"name\":\"Zoë\"},"
                + "\"wa_id\":\"3460009\"}],\"messages\":["
                + "{\"from\":\"3460009\",\"id\":\"wamid.A\",\"timestamp\":\"1\",\"type\":\"text\","
                + "\"text\":{\"body\":\"¿check-in?\"}},"
                + "{\"from\":\"3460009\",\"id\":\"wamid.B\",\"type\":\"image\",\"image\":"
                + "{\"id\":\"777\",\"mime_type\":\"image/jpeg\",\"caption\":\"passport\"}},"
                + "{\"from\":\"3460009\",\"id\":\"wamid.C\",\"type\":\"interactive\",\"interactive\":"
                + "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"yes\",\"title\":\"Yes\"}}}"
                + "]}},{\"field\":\"messages\",\"value\":{\"statuses\":[{\"id\":\"wamid.out.1\","
                + "\"status\":\"read\"}]}}]}]}")
            .getBytes(StandardCharsets.UTF_8);

    List<InboundMessage> messages =
        channel.receive(
            new Delivery(body, Map.of("x-hub-signature-256", WebhookSignature.sign(body, SECRET))));

    assertThat(messages)
        .extracting(InboundMessage::id, InboundMessage::type, InboundMessage::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wamid.A", "text", "¿check-in?"),
            org.assertj.core.groups.Tuple.tuple("wamid.B", "image", "passport"),
            org.assertj.core.groups.Tuple.tuple("wamid.C", "button", "Yes"));
    assertThat(messages.get(0).name()).isEqualTo("Zoë");
    assertThat(messages.get(1).mediaId()).isEqualTo("777");
    assertThat(messages.get(2).buttonId()).isEqualTo("yes");
    assertThat(InboundMessage.fromMap(messages.get(1).toMap())).isEqualTo(messages.get(1));

    assertThatThrownBy(() -> channel.receive(new Delivery(body, Map.of())))
        .isInstanceOf(InvalidDeliveryException.class)
        .extracting(e -> ((InvalidDeliveryException) e).reason())
        .isEqualTo(InvalidDeliveryException.Reason.UNAUTHENTIC);
    assertThatThrownBy(
            () ->
                channel.receive(
                    new Delivery(body, Map.of("X-Hub-Signature-256", "sha256=zz-not-hex"))))
        .extracting(e -> ((InvalidDeliveryException) e).reason())
        .isEqualTo(InvalidDeliveryException.Reason.UNAUTHENTIC);
    byte[] notWhatsApp = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                channel.receive(
                    new Delivery(
                        notWhatsApp,
                        Map.of("X-Hub-Signature-256", WebhookSignature.sign(notWhatsApp, SECRET)))))
        .extracting(e -> ((InvalidDeliveryException) e).reason())
        .isEqualTo(InvalidDeliveryException.Reason.MALFORMED);
  }

  @Test
  void the_configuration_never_shows_its_secrets() {
    String shown = config(TOKEN).toString();

    assertThat(shown).doesNotContain(TOKEN).doesNotContain(SECRET).contains("accessToken=***");
  }
}
