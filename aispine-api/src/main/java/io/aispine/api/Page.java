package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of a list endpoint; pass {@link #nextCursor()} back as {@code cursor} for the next. */
public record Page<T>(List<T> items, @JsonProperty("next_cursor") @Nullable String nextCursor) {

  /** Copies the items; a missing list reads as empty. */
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** True when the server has more items after this page. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
