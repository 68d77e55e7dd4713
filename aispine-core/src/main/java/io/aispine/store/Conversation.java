package io.aispine.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One sender's session on a channel: what the conversation knows between messages.
 *
 * @param channel the channel ({@code whatsapp})
 * @param sender the sender (phone number)
 * @param context what flows see as {@code inputs.context}: the sender's name, the outputs of the
 *     conversation's last finished execution, counts (JSON-like)
 * @param executionId the execution the last message started or continued, or null
 * @param messages how many messages the sender wrote
 * @param startedAt the first message
 * @param updatedAt the last message
 */
public record Conversation(
    String channel,
    String sender,
    Map<String, Object> context,
    String executionId,
    long messages,
    Instant startedAt,
    Instant updatedAt) {

  public Conversation {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    context = context == null ? Map.of() : context;
  }
}
