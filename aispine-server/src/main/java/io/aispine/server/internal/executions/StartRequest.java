package io.aispine.server.internal.executions;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/flows/{id}/executions}.
 *
 * @param inputs the execution's inputs, none when absent
 * @param version the exact flow version to run, the latest when absent
 */
record StartRequest(Map<String, Object> inputs, String version) {
  StartRequest {
    inputs = inputs == null ? Map.of() : inputs;
  }
}
