package io.aispine.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One version of a flow with its declared inputs, nodes, output names and YAML source. */
public record FlowVersion(
    String id,
    String version,
    String description,
    Instant createdAt,
    Map<String, FlowInput> inputs,
    List<FlowNode> nodes,
    List<String> outputs,
    String yaml) {

  /** Makes missing collections empty, so that callers never check for null. */
  public FlowVersion {
    inputs =
        inputs == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /** The flow's reference, {@code id@version}. */
  public String ref() {
    return id + "@" + version;
  }
}
