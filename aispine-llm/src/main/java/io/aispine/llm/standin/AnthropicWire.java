package io.aispine.llm.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Anthropic's message object and its stream of events, as the stand-in writes them. */
final class AnthropicWire {

  private final StandInLlm standIn;

  AnthropicWire(StandInLlm standIn) {
    this.standIn = standIn;
  }

  void answer(HttpExchange exchange, Map<String, String> headers, JsonNode body)
      throws IOException {
    if (!headers.containsKey("anthropic-version")) {
      StandInLlm.send(
          exchange,
          400,
          StandInLlm.error("invalid_request_error", "anthropic-version: header is required"));
      return;
    }
    if (!body.path("max_tokens").isIntegralNumber()) {
      StandInLlm.send(
          exchange, 400, StandInLlm.error("invalid_request_error", "max_tokens: Field required"));
      return;
    }
    StandInLlm.Reply reply = standIn.next(body.path("messages"));
    if (reply.status() != 200) {
      StandInLlm.send(exchange, reply.status(), StandInLlm.error("api_error", "scripted"));
      return;
    }
    String model = body.path("model").asText();
    String id = standIn.id("msg_");
    if (!body.path("stream").asBoolean()) {
      ObjectNode message = message(id, model, reply.promptTokens(), reply.completionTokens());
      message.withArray("content").addObject().put("type", "text").put("text", reply.text());
      message.put("stop_reason", "end_turn");
      StandInLlm.send(exchange, 200, message);
      return;
    }
    OutputStream out = StandInLlm.stream(exchange, "text/event-stream");
    ObjectNode start = StandInLlm.object().put("type", "message_start");
    start.set("message", message(id, model, reply.promptTokens(), 1));
    event(out, start);
    ObjectNode blockStart = StandInLlm.object().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    event(out, blockStart);
    event(out, StandInLlm.object().put("type", "ping"));
    for (String piece : StandInLlm.pieces(reply.text())) {
      ObjectNode delta = StandInLlm.object().put("type", "content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      event(out, delta);
    }
    event(out, StandInLlm.object().put("type", "content_block_stop").put("index", 0));
    ObjectNode messageDelta = StandInLlm.object().put("type", "message_delta");
    messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", reply.completionTokens());
    event(out, messageDelta);
    event(out, StandInLlm.object().put("type", "message_stop"));
  }

  private static ObjectNode message(String id, String model, long input, long output) {
    ObjectNode message = StandInLlm.object();
    message.put("id", id).put("type", "message").put("role", "assistant");
    message.putArray("content");
    message.put("model", model);
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", input).put("output_tokens", output);
    return message;
  }

  private static void event(OutputStream out, ObjectNode data) throws IOException {
    StandInLlm.write(
        out, "event: " + data.path("type").asText() + "\ndata: " + StandInLlm.json(data) + "\n\n");
  }
}
