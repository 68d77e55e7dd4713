package io.aispine.store;

import io.aispine.execution.ExecutionEvent;
import java.util.Objects;

/**
 * A history event with its server-wide position: positions grow in commit order across every
 * execution, so a reader that remembers the last one it saw can resume without gaps or duplicates.
 *
 * @param position the event's position in the global stream, from 1
 * @param event the event
 */
public record StoredEvent(long position, ExecutionEvent event) {
  public StoredEvent {
    Objects.requireNonNull(event, "event");
  }
}
