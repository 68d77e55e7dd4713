package io.aispine.execution;

import java.time.Instant;

/**
 * The record of one node attempt, as kept in the store: what went in, what came out, how long it
 * took and with which idempotency key the agent was called.
 *
 * @param executionId the execution
 * @param path the node path
 * @param attempt the attempt number, from 1
 * @param status SCHEDULED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param agent the agent reference called: the node's, or its fallback's when that served it
 * @param input the resolved input
 * @param output the output, or null
 * @param error the error, or null
 * @param usage the usage reported, or null
 * @param idempotencyKey {@code executionId/nodePath/attempt}
 * @param scheduledAt when the attempt was scheduled to run; for an attempt held back (deferred),
 *     when it is delivered again
 * @param startedAt when a worker started it, or null
 * @param finishedAt when it ended, or null
 */
public record NodeRun(
    String executionId,
    String path,
    int attempt,
    NodeStatus status,
    String agent,
    Object input,
    Object output,
    ErrorInfo error,
    Usage usage,
    String idempotencyKey,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt) {

  /** The idempotency key for an attempt: the same on every delivery of that attempt. */
  public static String idempotencyKey(String executionId, String path, int attempt) {
    return executionId + "/" + path + "/" + attempt;
  }
}
