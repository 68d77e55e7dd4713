package io.aispine.execution;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The status of one node instance in an execution. Statuses carry their meaning ({@link
 * #terminal()}, {@link #successful()}), and {@link #next()} is the table of legal transitions.
 */
public enum NodeStatus {
  /** Waiting for its parents (or its activator). */
  PENDING(false, false),
  /** A task for it is stored and will be claimed by a worker. */
  SCHEDULED(false, false),
  /** A worker holds its lease and is calling the agent; or a container's body is running. */
  RUNNING(false, false),
  /** An attempt failed; a durable timer will schedule the next attempt. */
  RETRYING(false, false),
  /** A wait node whose durable timer has not fired yet, or an approval waiting for an answer. */
  WAITING(false, false),
  SUCCEEDED(true, true),
  FAILED(true, false),
  SKIPPED(true, false),
  CANCELLED(true, false);

  private final boolean terminal;
  private final boolean successful;

  NodeStatus(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  /**
   * True when the node instance will not change any more, unless a retry of its failed execution
   * re-opens it.
   */
  public boolean terminal() {
    return terminal;
  }

  /** True for the one status that means the node produced its output. */
  public boolean successful() {
    return successful;
  }

  /** The lower-case name used in JSON and the CLI. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The legal next statuses. */
  public Set<NodeStatus> next() {
    return switch (this) {
      // a decision is evaluated inline (PENDING -> SUCCEEDED/FAILED); a wait starts a timer; a
      // loop, foreach or fork starts its body (PENDING -> RUNNING)
      case PENDING ->
          EnumSet.of(SCHEDULED, WAITING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED);
      case SCHEDULED -> EnumSet.of(RUNNING, CANCELLED);
      // RUNNING -> SCHEDULED: the worker holding the lease was lost; the same attempt is re-run
      case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, RETRYING, CANCELLED, SCHEDULED);
      case RETRYING -> EnumSet.of(SCHEDULED, CANCELLED);
      case WAITING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED);
      // only a retry of a failed execution re-opens a node: its failure, and what that skipped;
      // and a retried loop, foreach or fork runs its body again, every node of it included
      case FAILED, SKIPPED, SUCCEEDED, CANCELLED -> EnumSet.of(PENDING);
    };
  }
}
