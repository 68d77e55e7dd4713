package io.aispine.agent;

import java.time.Duration;
import java.util.Map;

/**
 * One call of an agent for one node attempt.
 *
 * @param executionId the execution
 * @param nodePath the node instance path ({@code ocr}, {@code review/2/ocr})
 * @param attempt the attempt number, from 1
 * @param idempotencyKey {@code executionId/nodePath/attempt}, the same on every redelivery
 * @param action the action requested, or null for the agent's default
 * @param input the resolved input (JSON-like)
 * @param context execution context passed to the agent (flow id, trace context …)
 * @param timeout the time the engine allows this attempt, or null for none
 */
public record AgentCall(
    String executionId,
    String nodePath,
    int attempt,
    String idempotencyKey,
    String action,
    Object input,
    Map<String, Object> context,
    Duration timeout) {

  public AgentCall {
    context = context == null ? Map.of() : Map.copyOf(context);
  }

  /** The input as a map; an empty map when the input is not an object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> inputMap() {
    return input instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
