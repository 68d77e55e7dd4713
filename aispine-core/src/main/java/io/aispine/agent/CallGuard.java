package io.aispine.agent;

/**
 * Protects the calls to one agent version (for example with a circuit breaker). The guarded agent
 * either calls through, recording how the call went, or refuses with {@link
 * AgentUnavailableException} without calling; the engine then defers the node instead of failing
 * it.
 */
@FunctionalInterface
public interface CallGuard {

  /** A guard that lets every call through. */
  CallGuard NONE = (agentKey, agent) -> agent;

  /**
   * The agent wrapped in this guard.
   *
   * @param agentKey the resolved agent version, {@code name@version}
   */
  Agent guard(String agentKey, Agent agent);
}
