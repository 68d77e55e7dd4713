package io.aispine.agents.channel.whatsapp;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.channel.Channel;
import io.aispine.agents.channel.ChannelException;
import io.aispine.agents.channel.MediaFile;
import io.aispine.agents.channel.OutboundMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code whatsapp} agent: the conversation's voice in flows. Actions {@code send_message}
 * (text, or reply {@code buttons}, or a {@code template}), {@code send_template}, {@code
 * send_buttons}, {@code download_media} and {@code mark_read}.
 */
final class WhatsAppAgent implements Agent {

  /** What {@code download_media} inlines as base64 at most; larger media are only a file. */
  static final int MAX_INLINE_BYTES = 512 * 1024;

  private final Channel channel;
  private final Path mediaDir;

  WhatsAppAgent(Channel channel, Path mediaDir) {
    this.channel = channel;
    this.mediaDir = mediaDir;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    Map<String, Object> input = call.inputMap();
    String action = call.action() == null ? "send_message" : call.action();
    try {
      return AgentResult.success(
          switch (action) {
            case "send_message", "send_text", "send_buttons", "send_template" ->
                send(input, action);
            case "download_media" -> download(string(input, "media_id", true));
            case "mark_read" -> {
              String id = string(input, "message_id", true);
              channel.markRead(id);
              yield Map.of("message_id", id, "status", "read");
            }
            default ->
                throw invalid(
                    "action",
                    "'"
                        + action
                        + "' is unknown; use send_message, send_buttons, send_template,"
                        + " download_media or mark_read");
          });
    } catch (ChannelException e) {
      throw e.retryable()
          ? new AgentException.Retryable(e.code(), e.getMessage())
          : new AgentException.Permanent(e.code(), e.getMessage());
    }
  }

  private Map<String, Object> send(Map<String, Object> input, String action)
      throws AgentException, ChannelException, InterruptedException {
    String to = string(input, "to", true);
    OutboundMessage message = message(input, action);
    String id = channel.send(to, message);
    var output = new LinkedHashMap<String, Object>();
    output.put("message_id", id);
    output.put("to", to);
    output.put("type", kind(message));
    return output;
  }

  private OutboundMessage message(Map<String, Object> input, String action)
      throws AgentException.Permanent {
    boolean template = action.equals("send_template") || input.get("template") != null;
    boolean buttons = action.equals("send_buttons") || input.get("buttons") != null;
    if (template) {
      Object value = input.get("template");
      Map<?, ?> spec =
          value instanceof Map<?, ?> m
              ? m
              : value instanceof String name ? Map.of("name", name) : null;
      if (spec == null || !(spec.get("name") instanceof String name)) {
        throw invalid("template", "must be a template name or {name, language, parameters}");
      }
      List<String> parameters = new ArrayList<>();
      if (spec.get("parameters") instanceof List<?> list) {
        list.forEach(p -> parameters.add(String.valueOf(p)));
      }
      Object language = spec.get("language");
      return new OutboundMessage.Template(
          name, language == null ? null : language.toString(), parameters);
    }
    String text = string(input, "text", true);
    if (!buttons) {
      return new OutboundMessage.Text(text);
    }
    if (!(input.get("buttons") instanceof List<?> list)) {
      throw invalid("buttons", "must be a list of {id, title} (1 to 3)");
    }
    var parsed = new ArrayList<OutboundMessage.Button>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> b && b.get("id") != null) {
        Object title = b.get("title") == null ? b.get("id") : b.get("title");
        parsed.add(button(b.get("id").toString(), title.toString()));
      } else if (item instanceof String label) {
        parsed.add(button(label, label));
      } else {
        throw invalid("buttons", "must be a list of {id, title} (1 to 3)");
      }
    }
    try {
      return new OutboundMessage.Buttons(text, parsed);
    } catch (IllegalArgumentException e) {
      throw invalid("buttons", e.getMessage());
    }
  }

  private static OutboundMessage.Button button(String id, String title)
      throws AgentException.Permanent {
    try {
      return new OutboundMessage.Button(id, title);
    } catch (IllegalArgumentException e) {
      throw invalid("buttons", e.getMessage());
    }
  }

  private static String kind(OutboundMessage message) {
    return switch (message) {
      case OutboundMessage.Text t -> "text";
      case OutboundMessage.Template t -> "template";
      case OutboundMessage.Buttons b -> "interactive";
    };
  }

  /**
   * Downloads the media to a file named by its SHA-256 (so a redelivered call writes the same file)
   * and describes it; small media are also inlined as base64.
   */
  private Map<String, Object> download(String mediaId)
      throws ChannelException, InterruptedException, AgentException {
    MediaFile media = channel.media(mediaId);
    byte[] bytes = media.bytes();
    String sha256 = sha256(bytes);
    Path file = mediaDir.resolve(sha256 + extension(media.mimeType()));
    try {
      Files.createDirectories(mediaDir);
      if (!Files.exists(file)) {
        Path part = Files.createTempFile(mediaDir, sha256, ".part");
        Files.write(part, bytes);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new AgentException.Retryable(
          "MEDIA_NOT_WRITTEN", "whatsapp: cannot write media to " + mediaDir + ": " + e);
    }
    var output = new LinkedHashMap<String, Object>();
    output.put("media_id", mediaId);
    output.put("mime_type", media.mimeType());
    output.put("size", bytes.length);
    output.put("sha256", sha256);
    output.put("file", file.toAbsolutePath().toString());
    if (bytes.length <= MAX_INLINE_BYTES) {
      output.put("content_base64", Base64.getEncoder().encodeToString(bytes));
    }
    return output;
  }

  private static String extension(String mime) {
    return switch (mime.split(";", 2)[0].strip()) {
      case "image/jpeg" -> ".jpg";
      case "image/png" -> ".png";
      case "application/pdf" -> ".pdf";
      case "image/webp" -> ".webp";
      default -> ".bin";
    };
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  private static String string(Map<String, Object> input, String name, boolean required)
      throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null || value.toString().isBlank()) {
      if (required) {
        throw invalid(name, "is required");
      }
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw invalid(name, "must be a string");
    }
    return value.toString();
  }

  private static AgentException.Permanent invalid(String name, String problem) {
    return new AgentException.Permanent(
        "INVALID_INPUT", "whatsapp: input '" + name + "' " + problem);
  }
}
