package io.aispine.flow;

/**
 * A flow's {@code concurrency} block: at most {@code maxRunning} of its executions run at once.
 * Executions beyond the limit are accepted and wait, oldest first, until one of the running ones
 * ends; their nodes are held back (deferred) with the reason {@code flow_concurrency}.
 *
 * @param maxRunning the most executions of the flow (any version) that run nodes at the same time
 */
public record FlowConcurrency(int maxRunning) {

  public FlowConcurrency {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be at least 1, was " + maxRunning);
    }
  }
}
