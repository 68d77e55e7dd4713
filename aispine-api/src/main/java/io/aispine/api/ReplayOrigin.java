package io.aispine.api;

import java.util.List;

/**
 * Where a replayed execution came from: the origin execution, the node replayed from, and the nodes
 * whose recorded results it reused (and of those, whose output the replay replaced).
 */
public record ReplayOrigin(
    String execution, String from, List<String> reused, List<String> overridden) {

  /** Copies the lists; missing lists read as empty. */
  public ReplayOrigin {
    reused = reused == null ? List.of() : List.copyOf(reused);
    overridden = overridden == null ? List.of() : List.copyOf(overridden);
  }
}
