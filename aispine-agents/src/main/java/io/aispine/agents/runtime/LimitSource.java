package io.aispine.agents.runtime;

import java.util.Optional;

/**
 * A place that may declare an agent's limits, such as its manifest. {@link AgentLimits} asks the
 * operator's stored override first, then this source, then the server's defaults.
 */
@FunctionalInterface
interface LimitSource {

  /** Declares nothing. */
  LimitSource NONE = name -> Optional.empty();

  /**
   * What this source declares for an agent; a null field declares nothing.
   *
   * @param ratePerMinute calls per minute
   * @param maxConcurrency calls in flight
   */
  record Declared(Integer ratePerMinute, Integer maxConcurrency) {}

  /** The limits declared for agent {@code name} (every version), if any. */
  Optional<Declared> limits(String name);
}
