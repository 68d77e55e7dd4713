package io.aispine.api;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an execution's history ({@code GET /api/v1/executions/{id}/events}): its sequence
 * number, type such as {@code node.completed}, node path, attempt, time and data.
 */
@WireType(name = "Event")
public record HistoryEvent(
    long seq,
    String type,
    @Nullable String node,
    @Nullable Integer attempt,
    Instant time,
    Map<String, Object> data) {

  /** A missing data object reads as empty. */
  public HistoryEvent {
    data = data == null ? Map.of() : data;
  }
}
