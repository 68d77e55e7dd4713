package io.aispine.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * What the decider asks the runtime to do. The runtime persists commands in the same transaction as
 * the fact that caused them, and acts on them only after that transaction commits.
 */
public sealed interface Command {

  /** The node path the command is about. */
  String path();

  /**
   * Store a task for a node attempt and run it at {@code runAt}.
   *
   * @param agent the agent reference to call
   * @param action the agent action, or null
   * @param input the resolved input (templates already evaluated)
   * @param timeout the per-attempt timeout, or null
   * @param lease the lease token the worker must present with the result
   * @param fallback the agent reference to call instead when {@code agent} is unavailable, or null
   */
  record RunTask(
      String path,
      int attempt,
      long lease,
      String agent,
      String action,
      Object input,
      Duration timeout,
      Instant runAt,
      String fallback)
      implements Command {

    /** A task without a fallback agent. */
    public RunTask(
        String path,
        int attempt,
        long lease,
        String agent,
        String action,
        Object input,
        Duration timeout,
        Instant runAt) {
      this(path, attempt, lease, agent, action, input, timeout, runAt, null);
    }
  }

  /** Store a durable timer that produces {@link Fact.TimerFired} at {@code fireAt}. */
  record StartTimer(String path, Instant fireAt) implements Command {}

  /** Remove the node's task or timer and interrupt a worker that is running it. */
  record CancelTask(String path) implements Command {}
}
