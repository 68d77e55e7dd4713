package io.aispine.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.ExecutionStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One live event from an SSE stream: its stream id (usable as {@code Last-Event-ID}), the event
 * type such as {@code node.completed}, the execution and node it is about, and the CloudEvent's
 * data; {@code json} is the CloudEvent exactly as received.
 */
public record StreamEvent(
    String id,
    String type,
    String executionId,
    String node,
    Long seq,
    Integer attempt,
    Instant time,
    Map<String, Object> data,
    String json) {

  private static final String TYPE_PREFIX = "io.aispine.";
  private static final Set<String> TERMINAL =
      Set.of("execution.completed", "execution.failed", "execution.cancelled");

  /** A missing data object reads as empty. */
  public StreamEvent {
    data = data == null ? Map.of() : data;
  }

  /**
   * Reads one SSE message whose data is a CloudEvent; the type comes from the SSE {@code event}
   * field, else from the CloudEvent's {@code type} without its {@code io.aispine.} prefix.
   */
  public static StreamEvent parse(String id, String event, String data) {
    JsonNode cloud;
    try {
      cloud = ApiJson.mapper().readTree(data);
    } catch (JsonProcessingException e) {
      cloud = null; // not JSON: still deliver it, so a newer server's messages are not lost
    }
    if (cloud == null || !cloud.isObject()) {
      return new StreamEvent(id, event, null, null, null, null, null, Map.of(), data);
    }
    JsonNode payload = cloud.path("data");
    @SuppressWarnings("unchecked")
    Map<String, Object> values =
        payload.isObject() ? ApiJson.mapper().convertValue(payload, Map.class) : Map.of();
    return new StreamEvent(
        id,
        type(event, text(cloud, "type")),
        executionOf(text(cloud, "source"), values),
        text(cloud, "subject"),
        payload.hasNonNull("seq") ? payload.get("seq").asLong() : null,
        payload.hasNonNull("attempt") ? payload.get("attempt").asInt() : null,
        instant(text(cloud, "time")),
        values,
        data);
  }

  /** True for the event that ends an execution: completed, failed or cancelled. */
  public boolean terminal() {
    return TERMINAL.contains(type);
  }

  /** The execution status a terminal event means, else {@link ExecutionStatus#RUNNING}. */
  public ExecutionStatus executionStatus() {
    return switch (type == null ? "" : type) {
      case "execution.completed" -> ExecutionStatus.SUCCEEDED;
      case "execution.failed" -> ExecutionStatus.FAILED;
      case "execution.cancelled" -> ExecutionStatus.CANCELLED;
      default -> ExecutionStatus.RUNNING;
    };
  }

  private static String type(String sseEvent, String cloudType) {
    if (sseEvent != null && !sseEvent.isEmpty() && !"message".equals(sseEvent)) {
      return sseEvent;
    }
    if (cloudType != null && cloudType.startsWith(TYPE_PREFIX)) {
      return cloudType.substring(TYPE_PREFIX.length());
    }
    return cloudType == null ? sseEvent : cloudType;
  }

  private static String executionOf(String source, Map<String, Object> data) {
    if (source != null && source.startsWith("/executions/")) {
      String rest = source.substring("/executions/".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }
    Object id = data.get("execution_id");
    return id == null ? null : id.toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
