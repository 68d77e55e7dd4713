package io.aispine.agents.channel;

import java.util.List;
import java.util.Objects;

/** A message to send through a channel. */
public sealed interface OutboundMessage {

  /** Plain text. */
  record Text(String body) implements OutboundMessage {
    public Text {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * A pre-approved template (WhatsApp requires one to open a conversation outside the 24-hour
   * window), with the values of its body's {@code {{1}}}, {@code {{2}}} … placeholders.
   */
  record Template(String name, String language, List<String> parameters)
      implements OutboundMessage {
    public Template {
      Objects.requireNonNull(name, "name");
      language = language == null || language.isBlank() ? "en_US" : language;
      parameters = List.copyOf(parameters);
    }
  }

  /** Text with up to three reply buttons; a tap comes back as an inbound {@code button} message. */
  record Buttons(String body, List<Button> buttons) implements OutboundMessage {
    public Buttons {
      Objects.requireNonNull(body, "body");
      buttons = List.copyOf(buttons);
      if (buttons.isEmpty() || buttons.size() > 3) {
        throw new IllegalArgumentException(
            "an interactive message has 1 to 3 reply buttons, got " + buttons.size());
      }
    }
  }

  /** A reply button: the id comes back when tapped, the title is shown (at most 20 characters). */
  record Button(String id, String title) {
    public Button {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
      if (title.length() > 20) {
        throw new IllegalArgumentException(
            "button title '" + title + "' is longer than 20 characters");
      }
    }
  }
}
