package io.aispine.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An inbound channel message as the store keeps it.
 *
 * @param channel the channel ({@code whatsapp})
 * @param messageId the channel's id of the message ({@code wamid.…}), unique per channel
 * @param sender who sent it (a phone number in international form, digits only)
 * @param message the message as the channel parsed it (type, text, media id …), JSON-like
 * @param receivedAt when the webhook recorded it
 * @param route what processing it does, once decided ({@code start:ex_…}, {@code answer:ap_…}), or
 *     null
 * @param processedAt when processing ended, or null
 */
public record InboundMessageRecord(
    String channel,
    String messageId,
    String sender,
    Map<String, Object> message,
    Instant receivedAt,
    String route,
    Instant processedAt) {

  public InboundMessageRecord {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receivedAt, "receivedAt");
    message = message == null ? Map.of() : message;
  }
}
