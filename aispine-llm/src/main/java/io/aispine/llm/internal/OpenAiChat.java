package io.aispine.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentException;
import io.aispine.llm.ChatClient;
import io.aispine.llm.ChatReply;
import io.aispine.llm.ChatRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI's chat completions ({@code POST /chat/completions} under a base URL that ends in {@code
 * /v1}), which OpenAI, LM Studio, vLLM and Ollama's {@code /v1} all speak. A streamed call asks for
 * {@code stream_options.include_usage}, so the last chunk before {@code [DONE]} carries the usage.
 */
public final class OpenAiChat implements ChatClient {

  private final ProviderHttp http;

  public OpenAiChat(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ChatReply chat(ChatRequest request, Consumer<String> deltas)
      throws AgentException, InterruptedException {
    Map<String, Object> body = body(request);
    if (deltas == null) {
      JsonNode answer = http.post("/chat/completions", body);
      JsonNode usage = answer.path("usage");
      return new ChatReply(
          answer.path("choices").path(0).path("message").path("content").asText(""),
          answer.path("model").asText(request.model()),
          usage.path("prompt_tokens").asLong(),
          usage.path("completion_tokens").asLong());
    }
    body.put("stream", true);
    body.put("stream_options", Map.of("include_usage", true));
    var text = new StringBuilder();
    var usage = new long[2];
    var model = new String[] {request.model()};
    http.postStreaming(
        "/chat/completions",
        body,
        line -> {
          if (!line.startsWith("data:")) {
            return; // blank separators, comments and event names
          }
          String data = line.substring(5).strip();
          if (data.equals("[DONE]")) {
            return;
          }
          JsonNode chunk = http.parse("/chat/completions", data);
          model[0] = chunk.path("model").asText(model[0]);
          JsonNode piece = chunk.path("choices").path(0).path("delta").path("content");
          if (piece.isTextual() && !piece.asText().isEmpty()) {
            text.append(piece.asText());
            deltas.accept(piece.asText());
          }
          JsonNode counted = chunk.path("usage");
          if (counted.isObject()) {
            usage[0] = counted.path("prompt_tokens").asLong();
            usage[1] = counted.path("completion_tokens").asLong();
          }
        });
    return new ChatReply(text.toString(), model[0], usage[0], usage[1]);
  }

  @Override
  public void check() throws AgentException, InterruptedException {
    http.get("/models");
  }

  private static Map<String, Object> body(ChatRequest request) {
    var body = new LinkedHashMap<String, Object>();
    body.put("model", request.model());
    body.put("messages", request.withSystemFirst());
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    return body;
  }
}
