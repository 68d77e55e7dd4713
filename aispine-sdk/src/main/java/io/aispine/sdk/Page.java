package io.aispine.sdk;

import java.util.List;

/** One page of a list endpoint; pass {@link #nextCursor()} back to get the next one. */
public record Page<T>(List<T> items, String nextCursor) {

  /** Copies the items; a missing list reads as empty. */
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** True when the server has more items after this page. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
