package io.aispine.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one model call asks, whatever the provider's protocol.
 *
 * @param system the system prompt, or null
 * @param messages the conversation, at least one message, without system messages
 * @param temperature the sampling temperature, or null for the provider's default
 * @param maxTokens the most completion tokens, or null for the provider's default
 */
public record ChatRequest(
    String model,
    String system,
    List<ChatMessage> messages,
    Double temperature,
    Integer maxTokens) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a model call needs at least one message");
    }
  }

  /**
   * The messages as OpenAI's and Ollama's chat APIs take them: {@code {role, content}} objects, the
   * system prompt first as a message of its own (Anthropic's takes it apart).
   */
  public List<Map<String, String>> withSystemFirst() {
    var wire = new ArrayList<Map<String, String>>(messages.size() + 1);
    if (system != null) {
      wire.add(Map.of("role", "system", "content", system));
    }
    for (ChatMessage m : messages) {
      wire.add(Map.of("role", m.role(), "content", m.content()));
    }
    return wire;
  }

  /** This request with {@code more} messages appended (a repair turn). */
  public ChatRequest followedBy(ChatMessage... more) {
    var all = new ArrayList<>(messages);
    all.addAll(List.of(more));
    return new ChatRequest(model, system, all, temperature, maxTokens);
  }
}
