package io.aispine.server.internal.events;

import io.aispine.execution.ExecutionEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Execution events as CloudEvents 1.0 in JSON: the {@code data:} of every SSE message and the body
 * of every webhook delivery.
 */
public final class CloudEvents {

  private CloudEvents() {}

  /** The structured-mode CloudEvent of {@code event}. */
  public static Map<String, Object> of(ExecutionEvent event) {
    Map<String, Object> cloud = new LinkedHashMap<>();
    cloud.put("specversion", "1.0");
    cloud.put("id", event.executionId() + ":" + event.seq());
    cloud.put("source", "/executions/" + event.executionId());
    cloud.put("type", "io.aispine." + event.type().wireName());
    cloud.put("time", event.at());
    if (event.nodePath() != null) {
      cloud.put("subject", event.nodePath());
    }
    cloud.put("datacontenttype", "application/json");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seq", event.seq());
    data.put("attempt", event.attempt());
    data.putAll(event.data());
    cloud.put("data", data);
    return cloud;
  }
}
