package io.aispine.llm;

import io.aispine.agent.AgentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code with:} of an {@code llm} node, read and checked: {@code provider?, model?, system?,
 * prompt | messages, temperature?, max_tokens?, response_schema?, max_repairs?}.
 */
record LlmInput(
    String provider,
    String model,
    String system,
    List<ChatMessage> messages,
    Double temperature,
    Integer maxTokens,
    Object responseSchema,
    int maxRepairs) {

  static final int DEFAULT_MAX_REPAIRS = 2;

  private static final Set<String> KEYS =
      Set.of(
          "provider",
          "model",
          "system",
          "prompt",
          "messages",
          "temperature",
          "max_tokens",
          "response_schema",
          "max_repairs");

  static LlmInput read(Map<String, Object> with) throws AgentException.Permanent {
    for (String key : with.keySet()) {
      if (!KEYS.contains(key)) {
        throw invalid(
            "unknown key '" + key + "'; the llm agent takes " + String.join(", ", sorted()));
      }
    }
    Object prompt = with.get("prompt");
    Object messages = with.get("messages");
    if ((prompt == null) == (messages == null)) {
      throw invalid("give exactly one of 'prompt' (a string) and 'messages' (a list)");
    }
    List<ChatMessage> conversation = new ArrayList<>();
    if (prompt != null) {
      conversation.add(ChatMessage.user(text(prompt, "prompt")));
    } else if (messages instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          throw invalid("messages[" + i + "] must be {role, content}");
        }
        try {
          conversation.add(
              new ChatMessage(
                  text(m.get("role"), "messages[" + i + "].role"),
                  text(m.get("content"), "messages[" + i + "].content")));
        } catch (IllegalArgumentException e) {
          throw invalid("messages[" + i + "]: " + e.getMessage());
        }
      }
    } else {
      throw invalid("'messages' must be a non-empty list of {role, content}");
    }
    String system = optionalText(with.get("system"), "system");
    // a system message inside messages joins the system prompt: providers take it apart
    var rest = new ArrayList<ChatMessage>();
    for (ChatMessage m : conversation) {
      if (m.role().equals("system")) {
        system = system == null ? m.content() : system + "\n\n" + m.content();
      } else {
        rest.add(m);
      }
    }
    if (rest.isEmpty()) {
      throw invalid("'messages' needs at least one user message");
    }
    Double temperature = number(with.get("temperature"), "temperature");
    Double maxTokens = number(with.get("max_tokens"), "max_tokens");
    Double repairs = number(with.get("max_repairs"), "max_repairs");
    if (maxTokens != null && (maxTokens < 1 || maxTokens != Math.rint(maxTokens))) {
      throw invalid("'max_tokens' must be a whole number of at least 1");
    }
    if (repairs != null && (repairs < 0 || repairs > 10 || repairs != Math.rint(repairs))) {
      throw invalid("'max_repairs' must be a whole number from 0 to 10");
    }
    Object schema = with.get("response_schema");
    if (schema != null && !(schema instanceof Map<?, ?>) && !(schema instanceof Boolean)) {
      throw invalid("'response_schema' must be a JSON Schema (an object)");
    }
    return new LlmInput(
        optionalText(with.get("provider"), "provider"),
        optionalText(with.get("model"), "model"),
        system,
        rest,
        temperature,
        maxTokens == null ? null : maxTokens.intValue(),
        schema,
        repairs == null ? DEFAULT_MAX_REPAIRS : repairs.intValue());
  }

  private static List<String> sorted() {
    return KEYS.stream().sorted().toList();
  }

  private static String text(Object value, String name) throws AgentException.Permanent {
    if (!(value instanceof String s)) {
      throw invalid("'" + name + "' must be a string");
    }
    return s;
  }

  private static String optionalText(Object value, String name) throws AgentException.Permanent {
    return value == null ? null : text(value, name);
  }

  private static Double number(Object value, String name) throws AgentException.Permanent {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw invalid("'" + name + "' must be a number");
    }
    return n.doubleValue();
  }

  private static AgentException.Permanent invalid(String why) {
    return new AgentException.Permanent("LLM_INPUT_INVALID", "llm agent: " + why);
  }
}
