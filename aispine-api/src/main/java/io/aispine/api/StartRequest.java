package io.aispine.api;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/flows/{id}/executions}.
 *
 * @param inputs the execution's inputs, none when absent
 * @param version the exact flow version to run, the latest when absent
 */
@WireType(request = true)
public record StartRequest(@Nullable Map<String, Object> inputs, @Nullable String version) {

  /** A missing inputs object reads as empty. */
  public StartRequest {
    inputs = inputs == null ? Map.of() : inputs;
  }
}
