package io.aispine.server.internal.executions;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/executions/{id}/replay}.
 *
 * @param from the node to replay from (required)
 * @param inputs input values merged over the origin's, none when absent
 * @param outputs replacement outputs of reused nodes, by node id, none when absent
 */
record ReplayBody(String from, Map<String, Object> inputs, Map<String, Object> outputs) {
  ReplayBody {
    inputs = inputs == null ? Map.of() : inputs;
    outputs = outputs == null ? Map.of() : outputs;
  }
}
