package io.aispine.engine;

import java.time.Instant;

/**
 * Something that happened to an execution: the only input of the decider besides the flow and the
 * current state. Every fact carries the time it happened, so the decider never reads a clock.
 */
public sealed interface Fact {

  /** The execution the fact is about. */
  String executionId();

  /** When it happened. */
  Instant at();

  /** The execution was accepted; its initial state is already built. */
  record ExecutionStarted(String executionId, Instant at) implements Fact {}

  /** A worker claimed a scheduled node attempt under lease token {@code lease}. */
  record NodeStarted(String executionId, String path, int attempt, long lease, Instant at)
      implements Fact {}

  /** An attempt returned an output. */
  record NodeSucceeded(
      String executionId,
      String path,
      int attempt,
      long lease,
      Instant at,
      Object output,
      Usage usage,
      java.time.Duration duration)
      implements Fact {}

  /** An attempt failed (agent error, timeout, crash of the call). */
  record NodeFailed(
      String executionId,
      String path,
      int attempt,
      long lease,
      Instant at,
      ErrorInfo error,
      java.time.Duration duration)
      implements Fact {}

  /**
   * A claimed attempt did not call its agent because the agent is unavailable (its circuit is
   * open): the same attempt is delivered again at {@code until} under a new lease. It does not
   * count as an attempt, so however long an agent is down, its nodes wait rather than fail.
   */
  record NodeDeferred(
      String executionId,
      String path,
      int attempt,
      long lease,
      Instant at,
      Instant until,
      String reason)
      implements Fact {
    public NodeDeferred {
      if (until.isBefore(at)) {
        throw new IllegalArgumentException("deferred until " + until + ", before " + at);
      }
    }
  }

  /** A durable timer (retry back-off or wait node) is due. */
  record TimerFired(String executionId, String path, Instant at) implements Fact {}

  /**
   * The worker that held the lease of a running attempt is gone (found on recovery, or its lease
   * ran out); the attempt is scheduled again with a new lease.
   */
  record LeaseExpired(String executionId, String path, int attempt, long lease, Instant at)
      implements Fact {}

  /**
   * Somebody asked to re-run a failed execution: its unhandled failures, and the nodes they caused
   * to be skipped, run again; every node that succeeded keeps its output.
   */
  record RetryRequested(String executionId, Instant at) implements Fact {}

  /**
   * Somebody answered the approval {@code approvalId} that node {@code path} waits for.
   *
   * @param approved true to approve, false to reject
   * @param comment what the approver said, or null
   * @param by who answered: the API key's name
   * @param byKey the API key's id, or null when not answered through a key
   */
  record ApprovalAnswered(
      String executionId,
      String path,
      String approvalId,
      boolean approved,
      String comment,
      String by,
      String byKey,
      Instant at)
      implements Fact {
    public ApprovalAnswered {
      java.util.Objects.requireNonNull(approvalId, "approvalId");
      java.util.Objects.requireNonNull(by, "by");
    }
  }

  /** Somebody asked to cancel the execution. */
  record CancelRequested(String executionId, Instant at, String reason) implements Fact {}
}
