package io.aispine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Why and since when an agent version should no longer be chosen for new executions.
 *
 * @param at when it was deprecated
 * @param reason what to use instead, or why; empty when none was given
 */
public record AgentDeprecation(Instant at, String reason) {

  public AgentDeprecation {
    Objects.requireNonNull(at, "at");
    reason = reason == null ? "" : reason;
  }
}
