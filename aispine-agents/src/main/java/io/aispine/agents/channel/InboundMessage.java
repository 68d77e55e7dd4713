package io.aispine.agents.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message a person sent through a channel.
 *
 * @param id the channel's message id ({@code wamid.…}): unique, the same on every redelivery
 * @param from the sender (phone number, digits only)
 * @param name the sender's profile name, or null
 * @param type {@code text}, {@code image}, {@code document}, {@code button} (a tapped reply button)
 *     or another type the channel names
 * @param text the text, a caption, or the tapped button's title; null when there is none
 * @param mediaId the media of an image or document, or null
 * @param mimeType the media's type, or null
 * @param buttonId the id of the tapped reply button, or null
 * @param timestamp the channel's send time (epoch seconds, as text), or null
 */
public record InboundMessage(
    String id,
    String from,
    String name,
    String type,
    String text,
    String mediaId,
    String mimeType,
    String buttonId,
    String timestamp) {

  public InboundMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(type, "type");
  }

  /** The message as flows see it ({@code inputs.message}): only the fields that are set. */
  public Map<String, Object> toMap() {
    var map = new LinkedHashMap<String, Object>();
    map.put("id", id);
    map.put("from", from);
    putIfSet(map, "name", name);
    map.put("type", type);
    putIfSet(map, "text", text);
    putIfSet(map, "media_id", mediaId);
    putIfSet(map, "mime_type", mimeType);
    putIfSet(map, "button_id", buttonId);
    putIfSet(map, "timestamp", timestamp);
    return map;
  }

  /** The message {@link #toMap()} wrote. */
  public static InboundMessage fromMap(Map<String, Object> map) {
    return new InboundMessage(
        text(map, "id"),
        text(map, "from"),
        text(map, "name"),
        text(map, "type"),
        text(map, "text"),
        text(map, "media_id"),
        text(map, "mime_type"),
        text(map, "button_id"),
        text(map, "timestamp"));
  }

  private static String text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? null : value.toString();
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
