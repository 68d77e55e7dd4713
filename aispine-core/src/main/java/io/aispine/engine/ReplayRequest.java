package io.aispine.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to replay of an execution: the node to run again from, and what to change.
 *
 * @param from a node path of the flow; for a nested instance path ({@code refine/3/score}) the
 *     replay starts from its top-level node ({@code refine})
 * @param inputs input values merged over the origin's inputs, then validated like a start
 * @param outputs replacement outputs for nodes whose recorded result is reused, by node id
 */
public record ReplayRequest(String from, Map<String, Object> inputs, Map<String, Object> outputs) {

  public ReplayRequest {
    Objects.requireNonNull(from, "from");
    // LinkedHashMap, not Map.copyOf: JSON nulls are values to validate, not absences
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs =
        outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /** A replay from {@code from} with nothing changed. */
  public static ReplayRequest from(String from) {
    return new ReplayRequest(from, Map.of(), Map.of());
  }
}
