package io.aispine.agents.contract;

import io.aispine.agent.AgentCall;
import java.time.Duration;
import java.util.Map;

/**
 * The body of {@code POST /execute}: one node attempt.
 *
 * @param executionId the execution
 * @param node the node instance path ({@code ocr}, {@code review/2/ocr})
 * @param attempt the attempt number, from 1
 * @param idempotencyKey {@code executionId/node/attempt}, the same on every redelivery
 * @param action the action requested, or null for the agent's default
 * @param input the resolved input, a JSON object
 * @param context execution context (flow id, trace context …)
 */
public record ExecuteRequest(
    String executionId,
    String node,
    int attempt,
    String idempotencyKey,
    String action,
    Map<String, Object> input,
    Map<String, Object> context) {

  public ExecuteRequest {
    input = input == null ? Map.of() : input;
    context = context == null ? Map.of() : context;
  }

  /** The request that carries {@code call}; {@code input} must be the call's object input. */
  public static ExecuteRequest of(AgentCall call, Map<String, Object> input) {
    return new ExecuteRequest(
        call.executionId(),
        call.nodePath(),
        call.attempt(),
        call.idempotencyKey(),
        call.action(),
        input,
        call.context());
  }

  /** The agent call this request asks for, allowed {@code timeout} (null for none). */
  public AgentCall toCall(Duration timeout) {
    return new AgentCall(
        executionId, node, attempt, idempotencyKey, action, input, context, timeout);
  }
}
