package io.aispine.api;

import java.util.List;

/** The answer of a list endpoint that is not paged: {@code {"items": [...]}}. */
public record Items<T>(List<T> items) {

  /** Copies the items; a missing list reads as empty. */
  public Items {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
