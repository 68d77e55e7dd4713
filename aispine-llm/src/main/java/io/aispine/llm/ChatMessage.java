package io.aispine.llm;

import java.util.Objects;
import java.util.Set;

/**
 * One message of a conversation with a model.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 */
public record ChatMessage(String role, String content) {

  private static final Set<String> ROLES = Set.of("system", "user", "assistant");

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "a message's role is system, user or assistant, not '" + role + "'");
    }
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
