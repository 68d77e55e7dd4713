package io.aispine.execution;

import java.util.List;
import java.util.Objects;

/**
 * Where a replayed execution came from: the execution it replays, the node it was replayed from,
 * and which nodes took their recorded results from the origin instead of running.
 *
 * @param execution the origin execution's id ({@code ex_…})
 * @param from the top-level node the replay starts from: it and everything downstream ran again
 * @param reused the nodes whose recorded result (output, or a skip) was taken from the origin
 * @param overridden the reused nodes whose output was replaced by the replay request
 */
public record ReplayOrigin(
    String execution, String from, List<String> reused, List<String> overridden) {

  public ReplayOrigin {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(from, "from");
    reused = reused == null ? List.of() : List.copyOf(reused);
    overridden = overridden == null ? List.of() : List.copyOf(overridden);
  }

  /** True when the node's result was taken from the origin execution. */
  public boolean reused(String path) {
    return reused.contains(path);
  }
}
