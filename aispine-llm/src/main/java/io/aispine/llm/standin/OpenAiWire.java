package io.aispine.llm.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** OpenAI's chat completion and chat completion chunk objects, as the stand-in writes them. */
final class OpenAiWire {

  private final StandInLlm standIn;

  OpenAiWire(StandInLlm standIn) {
    this.standIn = standIn;
  }

  void answer(HttpExchange exchange, JsonNode body) throws IOException {
    if (!body.path("model").isTextual() || !body.path("messages").isArray()) {
      StandInLlm.send(
          exchange,
          400,
          StandInLlm.error("invalid_request_error", "'model' and 'messages' are required"));
      return;
    }
    StandInLlm.Reply reply = standIn.next(body.path("messages"));
    if (reply.status() != 200) {
      StandInLlm.send(exchange, reply.status(), StandInLlm.error("server_error", "scripted"));
      return;
    }
    String model = body.path("model").asText();
    String id = standIn.id("chatcmpl-");
    long created = System.currentTimeMillis() / 1000;
    if (!body.path("stream").asBoolean()) {
      ObjectNode answer = StandInLlm.object();
      answer.put("id", id).put("object", "chat.completion").put("created", created);
      answer.put("model", model);
      ObjectNode choice = answer.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", reply.text());
      choice.put("finish_reason", "stop");
      usage(answer.putObject("usage"), reply);
      StandInLlm.send(exchange, 200, answer);
      return;
    }
    boolean withUsage = body.path("stream_options").path("include_usage").asBoolean();
    OutputStream out = StandInLlm.stream(exchange, "text/event-stream");
    boolean first = true;
    for (String piece : StandInLlm.pieces(reply.text())) {
      ObjectNode delta = StandInLlm.object();
      if (first) {
        delta.put("role", "assistant");
        first = false;
      }
      delta.put("content", piece);
      event(out, chunk(id, created, model, delta, null, withUsage));
    }
    event(out, chunk(id, created, model, StandInLlm.object(), "stop", withUsage));
    if (withUsage) {
      ObjectNode last = StandInLlm.object();
      last.put("id", id).put("object", "chat.completion.chunk").put("created", created);
      last.put("model", model);
      last.putArray("choices");
      usage(last.putObject("usage"), reply);
      event(out, last);
    }
    StandInLlm.write(out, "data: [DONE]\n\n");
  }

  private static ObjectNode chunk(
      String id, long created, String model, ObjectNode delta, String finish, boolean withUsage) {
    ObjectNode chunk = StandInLlm.object();
    chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created);
    chunk.put("model", model);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    if (withUsage) {
      chunk.putNull("usage"); // every chunk but the last has usage: null
    }
    return chunk;
  }

  private static void usage(ObjectNode usage, StandInLlm.Reply reply) {
    usage.put("prompt_tokens", reply.promptTokens());
    usage.put("completion_tokens", reply.completionTokens());
    usage.put("total_tokens", reply.promptTokens() + reply.completionTokens());
  }

  private static void event(OutputStream out, JsonNode data) throws IOException {
    StandInLlm.write(out, "data: " + StandInLlm.json(data) + "\n\n");
  }
}
