package io.aispine.agentsdk;

/**
 * What an SDK agent does: one method from a request to its output (any JSON-like value).
 *
 * <p>Throw {@link io.aispine.agent.AgentException} for a failure you recognise (retryable or not);
 * an {@link IllegalArgumentException} becomes a permanent {@code INVALID_INPUT} error; anything
 * else is a crash, answered with a 500 problem.
 */
@FunctionalInterface
public interface AgentHandler {

  /** The output for {@code request}. */
  Object handle(AgentRequest request) throws Exception;
}
