package io.aispine.store;

import io.aispine.execution.NodeRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators set on agents, kept across restarts: limit overrides and drains; and the record of
 * an agent's calls, read from the attempt records.
 */
public interface AgentControls {

  /**
   * Limit overrides of one agent (every version).
   *
   * @param ratePerMinute calls per minute, or null for the server's default
   * @param maxConcurrency calls in flight, or null for the server's default
   */
  record Limits(String name, Integer ratePerMinute, Integer maxConcurrency, Instant updatedAt) {}

  /**
   * A drained agent, or one drained version of it.
   *
   * @param version the drained version, or null for every version
   */
  record Drain(String name, String version, Instant drainedAt) {}

  /** The overrides of {@code name}, if any were set. */
  Optional<Limits> limits(String name);

  /** Stores the overrides of an agent, replacing earlier ones. */
  void putLimits(Limits limits);

  /**
   * Drains an agent (every version when {@code version} is null); draining twice changes nothing.
   */
  void drain(Drain drain);

  /** Ends a drain; false when there was none. */
  boolean undrain(String name, String version);

  /** Every drain in force. */
  List<Drain> drains();

  /**
   * The newest calls of agent {@code name} (attempts that started, served by it), newest first,
   * without their inputs and outputs.
   */
  List<NodeRun> recentCalls(String name, int limit);

  /** How many calls each agent started at or after {@code since}, by agent name. */
  Map<String, Integer> callsSince(Instant since);
}
