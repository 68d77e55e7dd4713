package io.aispine.server.internal.flows;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.aispine.api.FlowDiff;
import io.aispine.store.StoredFlow;
import java.util.List;

/** The unified diff of two flow versions' YAML sources, as shown before and when approving. */
final class SourceDiff {

  private static final int CONTEXT_LINES = 3;

  private SourceDiff() {}

  /**
   * What {@code version} changes against {@code against}; with no {@code against}, every line of
   * {@code version} is added.
   */
  static FlowDiff of(StoredFlow version, StoredFlow against) {
    List<String> before = against == null ? List.of() : lines(against.source());
    List<String> after = lines(version.source());
    Patch<String> patch = DiffUtils.diff(before, after);
    int added = 0;
    int removed = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      added += delta.getTarget().size();
      removed += delta.getSource().size();
    }
    String from = against == null ? "/dev/null" : against.id() + "@" + against.version();
    List<String> unified =
        patch.getDeltas().isEmpty()
            ? List.of()
            : UnifiedDiffUtils.generateUnifiedDiff(
                from, version.id() + "@" + version.version(), before, patch, CONTEXT_LINES);
    return new FlowDiff(
        version.id(),
        version.version(),
        against == null ? null : against.version(),
        unified.isEmpty() ? "" : String.join("\n", unified) + "\n",
        added,
        removed);
  }

  private static List<String> lines(String source) {
    // a final newline ends the last line; it does not start another
    return source.isEmpty() ? List.of() : List.of(source.split("\r?\n"));
  }
}
