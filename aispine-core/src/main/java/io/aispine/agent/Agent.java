package io.aispine.agent;

/**
 * An agent: the unit of work AI Spine orchestrates. One method, called once per node attempt (at
 * least once: a retried delivery carries the same {@link AgentCall#idempotencyKey()}).
 *
 * <p>Implementations must respond to interruption: the engine interrupts the calling (virtual)
 * thread when the node's timeout passes or its execution is cancelled.
 */
@FunctionalInterface
public interface Agent {

  /**
   * Runs one call.
   *
   * @return the result; failures may be returned as {@link AgentResult.Failure} or thrown as {@link
   *     AgentException}
   * @throws AgentException for a failure the agent recognises (retryable or permanent)
   * @throws InterruptedException when the call was interrupted by a timeout or cancellation
   */
  AgentResult execute(AgentCall call) throws AgentException, InterruptedException;
}
