package io.aispine.execution;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an execution's append-only history.
 *
 * @param executionId the execution
 * @param seq the per-execution sequence number, from 1, without gaps
 * @param type what happened
 * @param nodePath the node instance concerned, or null for execution-level events
 * @param attempt the attempt concerned, or 0
 * @param at when it happened (the time of the fact that caused it)
 * @param data details (JSON-like): output, error, branch, delay …
 */
public record ExecutionEvent(
    String executionId,
    long seq,
    EventType type,
    String nodePath,
    int attempt,
    Instant at,
    Map<String, Object> data) {

  public ExecutionEvent {
    data =
        data == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }
}
