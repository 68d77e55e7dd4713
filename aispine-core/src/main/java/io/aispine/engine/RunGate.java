package io.aispine.engine;

import java.util.Optional;

/**
 * Decides whether a flow version may start a new execution: the one check that every way of running
 * a flow goes through (API, CLI and SDK starts, retries, replays, subflows, and later schedules and
 * MCP). The engine asks it before it starts anything; a server passes one that admits only approved
 * versions, a local {@code aispine run FILE} the {@link #OPEN} gate.
 */
@FunctionalInterface
public interface RunGate {

  /** Admits everything: local runs of a file, which deploy nothing. */
  RunGate OPEN = (flowId, version, kind) -> Optional.empty();

  /** How a new execution would start; a gate may treat them differently. */
  enum RunKind {
    /** A start by API, CLI or SDK (and later schedules and MCP). */
    START,
    /** A failed execution run again. */
    RETRY,
    /** A new execution replaying an earlier one from a node. */
    REPLAY,
    /**
     * A child started by a subflow node of an execution that is already running. Panic mode lets
     * these through so that running work is not failed half-way; it stops new top-level runs.
     */
    SUBFLOW
  }

  /** Why {@code flowId@version} may not start an execution this way, or empty when it may. */
  Optional<RunRefusal> refusal(String flowId, String version, RunKind kind);

  /**
   * Whether a subflow node of execution {@code parentId} may see flow {@code flowId} at all; a flow
   * it may not see reads exactly as one that does not exist. Everything is visible by default; a
   * server keeps each execution to the flows of its own workspace.
   */
  default boolean reaches(String parentId, String flowId) {
    return true;
  }

  /**
   * Throws when the version may not start an execution this way.
   *
   * @throws RunRefusedException naming the reason and how to lift it
   */
  default void check(String flowId, String version, RunKind kind) {
    Optional<RunRefusal> refusal = refusal(flowId, version, kind);
    if (refusal.isPresent()) {
      throw new RunRefusedException(refusal.get());
    }
  }
}
