package io.aispine.execution;

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

  /** Store a durable timer that produces {@code Fact.TimerFired} at {@code fireAt}. */
  record StartTimer(String path, Instant fireAt) implements Command {}

  /** Remove the node's task or timer and interrupt a worker that is running it. */
  record CancelTask(String path) implements Command {}

  /**
   * Store a pending approval for the node, in the same transaction as the decision that asks for
   * it; a person answers it later through the API.
   *
   * @param approvalId the approval's id ({@code ap_…}), derived from the decision
   * @param message the question, templates resolved
   * @param approvers the roles that may answer
   * @param expiresAt when its timeout passes, or null when it waits for ever
   */
  record RequestApproval(
      String path,
      String approvalId,
      String message,
      java.util.List<String> approvers,
      Instant requestedAt,
      Instant expiresAt)
      implements Command {
    public RequestApproval {
      approvers = java.util.List.copyOf(approvers);
    }
  }

  /**
   * Record how a pending approval ended: answered, expired or cancelled.
   *
   * @param by who answered (an API key's name, or {@code timeout}), or null when cancelled
   * @param byKey the answering API key's id, or null
   */
  record ResolveApproval(
      String path,
      String approvalId,
      ApprovalStatus status,
      String comment,
      String by,
      String byKey,
      Instant at)
      implements Command {}
}
