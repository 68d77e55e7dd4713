package io.aispine.agents.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.agents.channel.InboundMessage;
import io.aispine.agents.channel.OutboundMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud API's JSON: webhook deliveries ({@code object: whatsapp_business_account}, entries of
 * changes whose {@code value.messages} are the inbound messages) read, and the bodies of {@code
 * POST /{phone-number-id}/messages} written.
 */
final class CloudApiJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private CloudApiJson() {}

  /**
   * The inbound messages of a delivery; statuses (sent, delivered, read) and other fields give
   * none.
   *
   * @throws IOException when the body is not JSON
   * @throws IllegalArgumentException when it is JSON but not a WhatsApp delivery
   */
  static List<InboundMessage> messages(byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    if (root == null || !"whatsapp_business_account".equals(root.path("object").asText())) {
      throw new IllegalArgumentException(
          "not a WhatsApp delivery: expected \"object\": \"whatsapp_business_account\"");
    }
    var found = new ArrayList<InboundMessage>();
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        if (!"messages".equals(change.path("field").asText())) {
          continue;
        }
        JsonNode value = change.path("value");
        for (JsonNode message : value.path("messages")) {
          found.add(message(message, value.path("contacts")));
        }
      }
    }
    return found;
  }

  private static InboundMessage message(JsonNode message, JsonNode contacts) {
    String from = message.path("from").asText(null);
    String id = message.path("id").asText(null);
    if (from == null || id == null) {
      throw new IllegalArgumentException("a WhatsApp message needs \"id\" and \"from\"");
    }
    String name = null;
    for (JsonNode contact : contacts) {
      if (from.equals(contact.path("wa_id").asText())) {
        name = contact.path("profile").path("name").asText(null);
      }
    }
    String type = message.path("type").asText("unknown");
    String timestamp = message.path("timestamp").asText(null);
    return switch (type) {
      case "text" ->
          new InboundMessage(
              id,
              from,
              name,
              type,
              message.path("text").path("body").asText(""),
              null,
              null,
              null,
              timestamp);
      case "image", "document", "audio", "video", "sticker" -> {
        JsonNode media = message.path(type);
        yield new InboundMessage(
            id,
            from,
            name,
            type,
            media.path("caption").asText(null),
            media.path("id").asText(null),
            media.path("mime_type").asText(null),
            null,
            timestamp);
      }
      case "interactive" -> {
        JsonNode interactive = message.path("interactive");
        JsonNode reply =
            interactive.has("button_reply")
                ? interactive.path("button_reply")
                : interactive.path("list_reply");
        yield new InboundMessage(
            id,
            from,
            name,
            "button",
            reply.path("title").asText(null),
            null,
            null,
            reply.path("id").asText(null),
            timestamp);
      }
      // a tap on a template's quick-reply button
      case "button" ->
          new InboundMessage(
              id,
              from,
              name,
              "button",
              message.path("button").path("text").asText(null),
              null,
              null,
              message.path("button").path("payload").asText(null),
              timestamp);
      default -> new InboundMessage(id, from, name, type, null, null, null, null, timestamp);
    };
  }

  /**
   * The body of {@code POST /{phone-number-id}/messages} that sends {@code message} to {@code to}.
   */
  static ObjectNode send(String to, OutboundMessage message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", to);
    switch (message) {
      case OutboundMessage.Text text -> {
        body.put("type", "text");
        body.putObject("text").put("preview_url", false).put("body", text.body());
      }
      case OutboundMessage.Template template -> {
        body.put("type", "template");
        ObjectNode t = body.putObject("template");
        t.put("name", template.name());
        t.putObject("language").put("code", template.language());
        if (!template.parameters().isEmpty()) {
          ObjectNode component = t.putArray("components").addObject().put("type", "body");
          ArrayNode parameters = component.putArray("parameters");
          template
              .parameters()
              .forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        }
      }
      case OutboundMessage.Buttons buttons -> {
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "button");
        interactive.putObject("body").put("text", buttons.body());
        ArrayNode list = interactive.putObject("action").putArray("buttons");
        for (OutboundMessage.Button button : buttons.buttons()) {
          ObjectNode b = list.addObject().put("type", "reply");
          b.putObject("reply").put("id", button.id()).put("title", button.title());
        }
      }
    }
    return body;
  }

  /** The body that marks {@code messageId} read (two blue ticks for the sender). */
  static ObjectNode read(String messageId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("status", "read");
    body.put("message_id", messageId);
    return body;
  }
}
