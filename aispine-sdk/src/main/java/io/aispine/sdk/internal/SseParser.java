package io.aispine.sdk.internal;

import java.util.function.Consumer;

/**
 * Parses the {@code text/event-stream} format line by line, as the WHATWG HTML standard's "event
 * stream interpretation" says: fields {@code id}, {@code event}, {@code data}, {@code retry};
 * comment lines starting with {@code :}; a blank line dispatches; multi-line data joins with {@code
 * \n}; unknown fields are ignored. Lines come already split (on CR, LF or CRLF).
 */
public final class SseParser {

  private final Consumer<SseMessage> onMessage;
  private final StringBuilder data = new StringBuilder();
  private String event = "";
  private String lastEventId;
  private Long retryMillis;
  private boolean firstLine = true;

  /** A parser that hands each complete message to {@code onMessage}. */
  public SseParser(Consumer<SseMessage> onMessage) {
    this.onMessage = onMessage;
  }

  /**
   * A parser that resumes after {@code lastEventId}: a message without its own {@code id} field
   * carries the last one seen, even across reconnections, as in a browser's EventSource.
   */
  public SseParser(Consumer<SseMessage> onMessage, String lastEventId) {
    this(onMessage);
    this.lastEventId = lastEventId;
  }

  /** Feeds one line, without its line terminator. */
  public void line(String line) {
    if (firstLine) {
      firstLine = false;
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte order mark may open the stream, and only there
      }
    }
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      return; // a comment, such as the server's keep-alive
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> event = value;
      case "data" -> data.append(value).append('\n');
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          try {
            retryMillis = Long.parseLong(value);
          } catch (NumberFormatException tooLong) {
            // digits beyond a long: not a delay anyone meant; keep the previous one
          }
        }
      }
      default -> {
        // unknown fields are ignored, so servers can add some
      }
    }
  }

  /** Drops a message that the stream cut off before its blank line, as the standard says. */
  public void endOfStream() {
    data.setLength(0);
    event = "";
    firstLine = true;
  }

  /** The last event id the server sent (null or empty when none), for {@code Last-Event-ID}. */
  public String lastEventId() {
    return lastEventId;
  }

  /** The reconnection delay the server asked for with {@code retry:}, or null. */
  public Long retryMillis() {
    return retryMillis;
  }

  private void dispatch() {
    if (data.isEmpty()) {
      event = "";
      return;
    }
    data.setLength(data.length() - 1); // the last data line's "\n" is not part of the data
    var message = new SseMessage(lastEventId, event.isEmpty() ? "message" : event, data.toString());
    data.setLength(0);
    event = "";
    onMessage.accept(message);
  }
}
