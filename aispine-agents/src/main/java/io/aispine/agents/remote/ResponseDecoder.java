package io.aispine.agents.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.ExecuteResponse;
import io.aispine.agents.contract.WireUsage;
import io.aispine.agents.outbound.OutboundResponse;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads a remote agent's answer to {@code POST /execute} into a result or an agent error. */
final class ResponseDecoder {

  private static final int SNIPPET_CHARS = 300;

  private ResponseDecoder() {}

  /** The result that {@code response} reports, or the error it amounts to. */
  static AgentResult decode(String target, OutboundResponse response) throws AgentException {
    int status = response.status();
    JsonNode body = parse(response.body());
    if (status / 100 == 2) {
      if (body == null) {
        throw RemoteFailures.protocol(target, "the body is not a JSON object");
      }
      return contractResult(target, body);
    }
    // Agents written by hand often send their contract error with a 4xx/5xx status; their own
    // code and retryability say more than the status does.
    if (body != null && ExecuteResponse.ERROR.equals(body.path("status").asText(null))) {
      return contractResult(target, body);
    }
    throw forStatus(target, response, body);
  }

  private static AgentResult contractResult(String target, JsonNode body)
      throws AgentException.Permanent {
    JsonNode status = body.get("status");
    if (status == null || !status.isTextual()) {
      throw RemoteFailures.protocol(target, "'status' must be \"success\" or \"error\"");
    }
    return switch (status.asText()) {
      case ExecuteResponse.SUCCESS -> success(target, body);
      case ExecuteResponse.ERROR -> AgentResult.failure(error(target, body.get("error")));
      default ->
          throw RemoteFailures.protocol(
              target, "'status' must be \"success\" or \"error\", got \"" + status.asText() + "\"");
    };
  }

  private static AgentResult success(String target, JsonNode body) throws AgentException.Permanent {
    // A missing output is a null output: agents that only act (send a message) often omit it.
    Object output = ContractJson.mapper().convertValue(body.path("output"), Object.class);
    return new AgentResult.Success(output, usage(target, body.get("usage")));
  }

  private static Usage usage(String target, JsonNode usage) throws AgentException.Permanent {
    if (usage == null || usage.isNull()) {
      return Usage.NONE;
    }
    if (!usage.isObject()) {
      throw RemoteFailures.protocol(target, "'usage' must be an object");
    }
    for (String field : new String[] {"input_tokens", "output_tokens", "cost_usd"}) {
      if (usage.has(field) && !usage.get(field).isNumber()) {
        throw RemoteFailures.protocol(target, "'usage." + field + "' must be a number");
      }
    }
    if (usage.has("model") && !usage.get("model").isTextual() && !usage.get("model").isNull()) {
      throw RemoteFailures.protocol(target, "'usage.model' must be a string");
    }
    return ContractJson.mapper().convertValue(usage, WireUsage.class).toUsage();
  }

  private static ErrorInfo error(String target, JsonNode error) throws AgentException.Permanent {
    if (error == null || !error.isObject()) {
      throw RemoteFailures.protocol(target, "an error must carry an 'error' object");
    }
    JsonNode code = error.get("code");
    if (code == null || !code.isTextual() || code.asText().isBlank()) {
      throw RemoteFailures.protocol(target, "'error.code' must be a non-empty string");
    }
    JsonNode retryable = error.get("retryable");
    if (retryable == null || !retryable.isBoolean()) {
      throw RemoteFailures.protocol(target, "'error.retryable' must be true or false");
    }
    JsonNode message = error.get("message");
    return new ErrorInfo(
        code.asText(), message == null ? "" : message.asText(""), retryable.asBoolean());
  }

  private static AgentException forStatus(String target, OutboundResponse response, JsonNode body) {
    int status = response.status();
    var message = new StringBuilder(target).append(" answered ").append(status);
    response
        .header("retry-after")
        .ifPresent(after -> message.append(", Retry-After: ").append(after));
    String explanation = explanation(body, response.body());
    if (!explanation.isEmpty()) {
      message.append(": ").append(explanation);
    }
    return RemoteFailures.forStatus(status, message.toString());
  }

  /** What an error answer says: the problem+json title and detail, else the start of the body. */
  private static String explanation(JsonNode body, byte[] raw) {
    if (body != null && body.hasNonNull("title")) {
      String title = body.get("title").asText();
      return body.hasNonNull("detail") ? title + ": " + body.get("detail").asText() : title;
    }
    String text = new String(raw, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
  }

  /** The body as a JSON object, or null when it is empty, not JSON or not an object. */
  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = ContractJson.mapper().readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
