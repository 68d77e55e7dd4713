package io.aispine.execution;

import java.time.Instant;

/**
 * The state of one node instance (one node path) in an execution.
 *
 * @param status the current status
 * @param attempt the current or last attempt number (0 before the first)
 * @param lease the fencing token of the worker lease for the current attempt; a completion that
 *     carries another token is stale and rejected
 * @param output the output (JSON-like), or null
 * @param error the last error, or null
 * @param handling how a final failure was handled
 * @param reason why the node was skipped or cancelled, or, while it is scheduled or claimed to look
 *     again, why a guard holds it back (a deferral code like {@code rate_limited}); else null
 * @param startedAt when the first attempt started, or null
 * @param finishedAt when the node reached a terminal status, or null
 * @param roundStart the first attempt of the current round: 1, or the attempt with which a retry of
 *     the failed execution started; the retry policy counts attempts from here
 */
public record NodeState(
    NodeStatus status,
    int attempt,
    long lease,
    Object output,
    ErrorInfo error,
    Handling handling,
    String reason,
    Instant startedAt,
    Instant finishedAt,
    int roundStart) {

  /** A node nothing has happened to yet. */
  public static final NodeState PENDING =
      new NodeState(NodeStatus.PENDING, 0, 0, null, null, Handling.NONE, null, null, null, 1);

  /**
   * The state of {@code path} in a map of node states, {@link #PENDING} when nothing happened to it
   * yet. Not {@code getOrDefault}: a persistent map answers its {@code containsKey} by a full scan.
   */
  public static NodeState of(java.util.Map<String, NodeState> nodes, String path) {
    NodeState state = nodes.get(path);
    return state == null ? PENDING : state;
  }

  public NodeState {
    java.util.Objects.requireNonNull(status, "status");
    handling = handling == null ? Handling.NONE : handling;
    roundStart = Math.max(1, roundStart); // absent in states written before retries existed
  }

  /** A node state in its first round of attempts. */
  public NodeState(
      NodeStatus status,
      int attempt,
      long lease,
      Object output,
      ErrorInfo error,
      Handling handling,
      String reason,
      Instant startedAt,
      Instant finishedAt) {
    this(status, attempt, lease, output, error, handling, reason, startedAt, finishedAt, 1);
  }

  /** How many attempts the current round has made (the retry policy's count). */
  public int attemptsThisRound() {
    return Math.max(0, attempt - roundStart + 1);
  }

  /** True when dependents should treat this node as succeeded. */
  public boolean countsAsSuccess() {
    return status == NodeStatus.SUCCEEDED
        || (status == NodeStatus.FAILED && handling == Handling.CONTINUED);
  }

  /** True when this node failed in a way that fails the execution. */
  public boolean failedUnhandled() {
    return status == NodeStatus.FAILED && handling == Handling.NONE;
  }

  /** A copy with another status; the transition must be legal. */
  public NodeState withStatus(NodeStatus next) {
    if (!status.next().contains(next)) {
      throw new IllegalStateException("illegal node transition " + status + " -> " + next);
    }
    return new NodeState(
        next, attempt, lease, output, error, handling, reason, startedAt, finishedAt, roundStart);
  }
}
