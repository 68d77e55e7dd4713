package io.aispine.engine.decider;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.Usage;
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

  /**
   * An attempt returned an output; {@code servedBy} is the fallback agent reference that served it
   * when the node's own agent was unavailable, else null.
   */
  record NodeSucceeded(
      String executionId,
      String path,
      int attempt,
      long lease,
      Instant at,
      Object output,
      Usage usage,
      java.time.Duration duration,
      String servedBy)
      implements Fact {

    /** An output of the node's own agent. */
    public NodeSucceeded(
        String executionId,
        String path,
        int attempt,
        long lease,
        Instant at,
        Object output,
        Usage usage,
        java.time.Duration duration) {
      this(executionId, path, attempt, lease, at, output, usage, duration, null);
    }
  }

  /**
   * An attempt failed (agent error, timeout, crash of the call); {@code servedBy} as in {@link
   * NodeSucceeded}.
   */
  record NodeFailed(
      String executionId,
      String path,
      int attempt,
      long lease,
      Instant at,
      ErrorInfo error,
      java.time.Duration duration,
      String servedBy)
      implements Fact {

    /** A failure of the node's own agent. */
    public NodeFailed(
        String executionId,
        String path,
        int attempt,
        long lease,
        Instant at,
        ErrorInfo error,
        java.time.Duration duration) {
      this(executionId, path, attempt, lease, at, error, duration, null);
    }
  }

  /**
   * A claimed attempt did not call its agent because the agent is unavailable (its circuit is open,
   * it is drained, or a limit holds the call back): the same attempt is delivered again at {@code
   * until}. It does not count as an attempt, so however long an agent is down, its nodes wait
   * rather than fail. {@code reason} is the guard's code ({@code circuit_open}, {@code
   * rate_limited} …). Only the first deferral of a wait is recorded in the history; the later looks
   * (re-checks) that are held back again change the node's state, not its history.
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

  /**
   * A guard let the call of an attempt that it had held back through to the agent: the node's wait
   * is over and its agent is being called now. Reported by the guard as the call goes through (the
   * worker's claim of a waiting node records nothing, since the guard may hold it back again).
   */
  record NodeResumed(String executionId, String path, int attempt, Instant at) implements Fact {}

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

  /**
   * The runtime could not apply or store what happened to the execution (the store refused its
   * changes, or deciding a fact about it threw): it fails with {@code error}, and every node that
   * has not ended is cancelled. Decided against the last state that was applied, so the change that
   * could not be applied is not tried again.
   */
  record ExecutionAborted(String executionId, Instant at, ErrorInfo error) implements Fact {
    public ExecutionAborted {
      java.util.Objects.requireNonNull(error, "error");
    }
  }
}
