package io.aispine.sdk;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an execution's history ({@code GET /api/v1/executions/{id}/events}): its sequence
 * number, type such as {@code node.completed}, node path, attempt, time and data.
 */
public record HistoryEvent(
    long seq, String type, String node, Integer attempt, Instant time, Map<String, Object> data) {

  /** A missing data object reads as empty. */
  public HistoryEvent {
    data = data == null ? Map.of() : data;
  }
}
