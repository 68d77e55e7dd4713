package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a flow with its declared inputs, nodes, output names, YAML source and place in the
 * gate.
 *
 * @param review draft, approved or rejected, and by whom; null from a server without the gate
 */
public record FlowVersion(
    String id,
    String version,
    @Nullable String description,
    @JsonProperty("created_at") Instant createdAt,
    Map<String, FlowInput> inputs,
    List<FlowNode> nodes,
    List<String> outputs,
    String yaml,
    @Nullable FlowReview review) {

  /** Makes missing collections empty, so that callers never check for null. */
  public FlowVersion {
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /** The flow's reference, {@code id@version}. */
  public String ref() {
    return id + "@" + version;
  }

  /** The summary of this version, as the list endpoints show it. */
  public FlowSummary summary() {
    return new FlowSummary(
        id, version, description, createdAt, review == null ? null : review.status());
  }
}
