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
 * Ollama's native chat ({@code POST /api/chat}): options {@code temperature} and {@code
 * num_predict}, tokens as {@code prompt_eval_count} and {@code eval_count}; a streamed answer is
 * newline-delimited JSON whose last object ({@code "done": true}) carries the counts.
 */
public final class OllamaChat implements ChatClient {

  private final ProviderHttp http;

  public OllamaChat(ProviderHttp http) {
    this.http = http;
  }

  @Override
  public ChatReply chat(ChatRequest request, Consumer<String> deltas)
      throws AgentException, InterruptedException {
    Map<String, Object> body = body(request);
    if (deltas == null) {
      body.put("stream", false);
      JsonNode answer = http.post("/api/chat", body);
      return new ChatReply(
          answer.path("message").path("content").asText(""),
          answer.path("model").asText(request.model()),
          answer.path("prompt_eval_count").asLong(),
          answer.path("eval_count").asLong());
    }
    body.put("stream", true);
    var text = new StringBuilder();
    var usage = new long[2];
    var model = new String[] {request.model()};
    http.postStreaming(
        "/api/chat",
        body,
        line -> {
          if (line.isBlank()) {
            return;
          }
          JsonNode chunk = http.parse("/api/chat", line);
          model[0] = chunk.path("model").asText(model[0]);
          String piece = chunk.path("message").path("content").asText("");
          if (!piece.isEmpty()) {
            text.append(piece);
            deltas.accept(piece);
          }
          if (chunk.path("done").asBoolean()) {
            usage[0] = chunk.path("prompt_eval_count").asLong();
            usage[1] = chunk.path("eval_count").asLong();
          }
        });
    return new ChatReply(text.toString(), model[0], usage[0], usage[1]);
  }

  @Override
  public void check() throws AgentException, InterruptedException {
    http.get("/api/tags");
  }

  private static Map<String, Object> body(ChatRequest request) {
    var body = new LinkedHashMap<String, Object>();
    body.put("model", request.model());
    body.put("messages", request.withSystemFirst());
    var options = new LinkedHashMap<String, Object>();
    if (request.temperature() != null) {
      options.put("temperature", request.temperature());
    }
    if (request.maxTokens() != null) {
      options.put("num_predict", request.maxTokens());
    }
    if (!options.isEmpty()) {
      body.put("options", options);
    }
    return body;
  }
}
