package io.aispine.llm.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Ollama's {@code /api/chat} answer: one object, or (the default, {@code stream} absent or true)
 * newline-delimited objects whose last has {@code done: true} and the counts.
 */
final class OllamaWire {

  private final StandInLlm standIn;

  OllamaWire(StandInLlm standIn) {
    this.standIn = standIn;
  }

  void answer(HttpExchange exchange, JsonNode body) throws IOException {
    StandInLlm.Reply reply = standIn.next(body.path("messages"));
    if (reply.status() != 200) {
      StandInLlm.send(
          exchange, reply.status(), StandInLlm.object().put("error", "scripted failure"));
      return;
    }
    String model = body.path("model").asText();
    boolean stream = !body.has("stream") || body.path("stream").asBoolean();
    if (!stream) {
      StandInLlm.send(exchange, 200, last(model, reply, reply.text()));
      return;
    }
    OutputStream out = StandInLlm.stream(exchange, "application/x-ndjson");
    for (String piece : StandInLlm.pieces(reply.text())) {
      ObjectNode chunk = StandInLlm.object();
      chunk.put("model", model).put("created_at", Instant.now().toString());
      chunk.putObject("message").put("role", "assistant").put("content", piece);
      chunk.put("done", false);
      StandInLlm.write(out, StandInLlm.json(chunk) + "\n");
    }
    StandInLlm.write(out, StandInLlm.json(last(model, reply, "")) + "\n");
  }

  private static ObjectNode last(String model, StandInLlm.Reply reply, String content) {
    ObjectNode done = StandInLlm.object();
    done.put("model", model).put("created_at", Instant.now().toString());
    done.putObject("message").put("role", "assistant").put("content", content);
    done.put("done_reason", "stop").put("done", true);
    done.put("total_duration", 1000).put("load_duration", 100);
    done.put("prompt_eval_count", reply.promptTokens()).put("prompt_eval_duration", 100);
    done.put("eval_count", reply.completionTokens()).put("eval_duration", 100);
    return done;
  }
}
