package io.aispine.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentException;
import io.aispine.llm.ChatClient;
import io.aispine.llm.ChatMessage;
import io.aispine.llm.ChatReply;
import io.aispine.llm.ChatRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic's messages API ({@code POST /v1/messages}, {@code x-api-key}, {@code
 * anthropic-version}). {@code max_tokens} is required by the API: a call that sets none asks for
 * {@value #DEFAULT_MAX_TOKENS}. Streamed answers are server-sent events: {@code message_start}
 * carries the input tokens, {@code content_block_delta} the text, {@code message_delta} the output
 * tokens.
 */
public final class AnthropicChat implements ChatClient {

  /** The API version every request names. */
  public static final String API_VERSION = "2023-06-01";

  static final int DEFAULT_MAX_TOKENS = 1024;

  private final ProviderHttp http;

  public AnthropicChat(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ChatReply chat(ChatRequest request, Consumer<String> deltas)
      throws AgentException, InterruptedException {
    Map<String, Object> body = body(request);
    if (deltas == null) {
      JsonNode answer = http.post("/v1/messages", body);
      var text = new StringBuilder();
      for (JsonNode block : answer.path("content")) {
        if (block.path("type").asText().equals("text")) {
          text.append(block.path("text").asText());
        }
      }
      JsonNode usage = answer.path("usage");
      return new ChatReply(
          text.toString(),
          answer.path("model").asText(request.model()),
          usage.path("input_tokens").asLong(),
          usage.path("output_tokens").asLong());
    }
    body.put("stream", true);
    var text = new StringBuilder();
    var usage = new long[2];
    var model = new String[] {request.model()};
    http.postStreaming(
        "/v1/messages",
        body,
        line -> {
          if (!line.startsWith("data:")) {
            return; // "event: …" names the type the data repeats
          }
          JsonNode event = http.parse("/v1/messages", line.substring(5).strip());
          switch (event.path("type").asText()) {
            case "message_start" -> {
              JsonNode message = event.path("message");
              model[0] = message.path("model").asText(model[0]);
              usage[0] = message.path("usage").path("input_tokens").asLong();
              usage[1] = message.path("usage").path("output_tokens").asLong();
            }
            case "content_block_delta" -> {
              String piece = event.path("delta").path("text").asText("");
              if (!piece.isEmpty()) {
                text.append(piece);
                deltas.accept(piece);
              }
            }
            case "message_delta" -> usage[1] = event.path("usage").path("output_tokens").asLong();
            default -> {}
          }
        });
    return new ChatReply(text.toString(), model[0], usage[0], usage[1]);
  }

  @Override
  public void check() throws AgentException, InterruptedException {
    http.get("/v1/models");
  }

  private static Map<String, Object> body(ChatRequest request) {
    var body = new LinkedHashMap<String, Object>();
    body.put("model", request.model());
    body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
    if (request.system() != null) {
      body.put("system", request.system());
    }
    List<Map<String, String>> messages =
        request.messages().stream()
            .map((ChatMessage m) -> Map.of("role", m.role(), "content", m.content()))
            .toList();
    body.put("messages", messages);
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    return body;
  }
}
