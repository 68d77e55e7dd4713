package io.aispine.agent;

import java.util.Optional;

/**
 * Finds the agent that a node's {@code agent:} reference ({@code name} or {@code name@range})
 * names.
 */
@FunctionalInterface
public interface AgentResolver {

  /** The agent for this reference, or empty when no registered agent matches. */
  Optional<Agent> resolve(String reference);
}
