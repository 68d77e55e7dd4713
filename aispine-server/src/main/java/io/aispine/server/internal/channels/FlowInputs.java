package io.aispine.server.internal.channels;

import io.aispine.agents.channel.InboundMessage;
import io.aispine.flow.Flow;
import java.util.HashMap;
import java.util.Map;

/**
 * The inputs an inbound message gives the flow it starts: each input the flow declares under one of
 * the names below gets that value, and the others are left to their defaults. So a flow asks for
 * what it needs ({@code phone} and {@code media_id}, or the whole {@code message}) without a
 * mapping to configure.
 *
 * <pre>
 * phone, from, sender   the sender's number          name         the sender's profile name
 * message               the whole message (object)    message_id   the channel's message id
 * message_type          text, image, document, button text         text, caption or button title
 * media_id, mime_type   an image's or document's media button_id    a tapped reply button's id
 * context               the conversation (object)     channel      whatsapp
 * attempt               which try of the session this message is (1, 2, 3 …; see
 *                       ConversationInbox.attempt)
 * </pre>
 */
final class FlowInputs {

  private FlowInputs() {}

  /** The values for the inputs {@code flow} declares. */
  static Map<String, Object> of(
      Flow flow, String channel, InboundMessage message, Map<String, Object> context) {
    Map<String, Object> available = new HashMap<>();
    available.put("phone", message.from());
    available.put("from", message.from());
    available.put("sender", message.from());
    available.put("name", message.name());
    available.put("message", message.toMap());
    available.put("message_id", message.id());
    available.put("message_type", message.type());
    available.put("text", message.text());
    available.put("media_id", message.mediaId());
    available.put("mime_type", message.mimeType());
    available.put("button_id", message.buttonId());
    available.put("context", context);
    available.put("channel", channel);
    available.put("attempt", context.get("attempt"));
    Map<String, Object> inputs = new HashMap<>();
    for (String name : flow.inputs().keySet()) {
      Object value = available.get(name);
      if (value != null) {
        inputs.put(name, value);
      }
    }
    return inputs;
  }
}
