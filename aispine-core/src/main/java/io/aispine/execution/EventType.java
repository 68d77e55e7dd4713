package io.aispine.execution;

/** The kinds of entries in an execution's append-only history. */
public enum EventType {
  EXECUTION_STARTED("execution.started"),
  EXECUTION_COMPLETED("execution.completed"),
  EXECUTION_FAILED("execution.failed"),
  EXECUTION_CANCELLED("execution.cancelled"),
  /** A failed execution was re-opened; {@code data.nodes} lists the nodes that run again. */
  EXECUTION_RETRIED("execution.retried"),
  NODE_SCHEDULED("node.scheduled"),
  NODE_STARTED("node.started"),
  NODE_COMPLETED("node.completed"),
  NODE_FAILED("node.failed"),
  NODE_RETRYING("node.retrying"),
  NODE_SKIPPED("node.skipped"),
  NODE_CANCELLED("node.cancelled"),
  /** The worker holding a node's lease was lost (for example the process was killed). */
  NODE_LEASE_EXPIRED("node.lease_expired"),
  /**
   * A node's attempt waits without counting because its agent is unavailable; {@code data.until}
   * says when it is delivered again and {@code data.reason} why.
   */
  NODE_DEFERRED("node.deferred"),
  /**
   * A replayed execution took the node's recorded result from the execution it replays, without
   * calling any agent; {@code data.origin} names that execution.
   */
  NODE_REUSED("node.reused"),
  DECISION_TAKEN("decision.taken"),
  /** A loop starts iteration {@code data.iteration} (from 1) of its body. */
  LOOP_ITERATION_STARTED("loop.iteration_started"),
  /** A loop's iteration ended; {@code data.output} is its value. */
  LOOP_ITERATION_COMPLETED("loop.iteration_completed"),
  /** A foreach starts item {@code data.index} (from 0) of its list. */
  FOREACH_ITEM_STARTED("foreach.item_started"),
  /** A fork's branches are joined; {@code data.strategy}, {@code data.winner}. */
  FORK_JOINED("fork.joined"),
  TIMER_STARTED("timer.started"),
  TIMER_FIRED("timer.fired"),
  /**
   * An approval node asks for a human answer; {@code data} holds {@code approval_id}, the resolved
   * {@code message}, the {@code approvers} roles and {@code expires_at} (null: no timeout).
   */
  APPROVAL_REQUESTED("approval.requested"),
  /** Somebody answered; {@code data}: {@code approval_id, approved, comment, by, by_key}. */
  APPROVAL_ANSWERED("approval.answered"),
  /** Nobody answered in time; {@code data}: {@code approval_id, on_timeout}. */
  APPROVAL_EXPIRED("approval.expired");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The dotted name used in JSON, SSE and the CLI. */
  public String wireName() {
    return wireName;
  }

  /** The type with this wire name. */
  public static EventType fromWire(String name) {
    for (EventType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type " + name);
  }
}
