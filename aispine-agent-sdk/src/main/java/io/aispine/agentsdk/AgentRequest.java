package io.aispine.agentsdk;

import io.aispine.agent.AgentCall;
import java.util.Map;

/**
 * One call of an SDK agent, as the handler sees it.
 *
 * @param input the call's input object
 * @param action the requested action, or null for the default
 * @param idempotencyKey the same on every redelivery of this attempt
 * @param executionId the execution the call belongs to
 * @param attempt the attempt number, from 1
 * @param context execution context (flow id, {@code traceparent} …)
 */
public record AgentRequest(
    Map<String, Object> input,
    String action,
    String idempotencyKey,
    String executionId,
    int attempt,
    Map<String, Object> context) {

  /** The request that carries {@code call}. */
  static AgentRequest of(AgentCall call) {
    return new AgentRequest(
        call.inputMap(),
        call.action(),
        call.idempotencyKey(),
        call.executionId(),
        call.attempt(),
        call.context());
  }
}
