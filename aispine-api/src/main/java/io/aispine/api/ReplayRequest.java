package io.aispine.api;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/executions/{id}/replay}.
 *
 * @param from the node to replay from; an instance path replays from its top-level node
 * @param inputs input values merged over the origin's, none when absent
 * @param outputs replacement outputs of reused nodes, by node id, none when absent
 */
@WireType(request = true)
public record ReplayRequest(
    @WireField(
            description =
                "The node to replay from; an instance path replays from its top-level node")
        String from,
    @WireField(description = "Merged over the origin's inputs") @Nullable
        Map<String, Object> inputs,
    @WireField(description = "Replacement outputs of reused nodes, by node id") @Nullable
        Map<String, Object> outputs) {

  /** Missing maps read as empty. */
  public ReplayRequest {
    inputs = inputs == null ? Map.of() : inputs;
    outputs = outputs == null ? Map.of() : outputs;
  }
}
