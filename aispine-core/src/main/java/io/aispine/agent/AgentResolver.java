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

  /**
   * The exact version {@code reference} resolves to now, as a reference that names only it ({@code
   * reviewer@1.4.0}); the engine pins it when an execution starts so that every attempt calls the
   * same version. Empty (the default) when nothing matches or the resolver does not pin: the
   * reference is then resolved again on every attempt.
   */
  default Optional<String> pin(String reference) {
    return Optional.empty();
  }
}
