package io.aispine.agent;

/**
 * A built-in agent, found with {@link java.util.ServiceLoader}: list implementations in {@code
 * META-INF/services/io.aispine.agent.AgentProvider}.
 */
public interface AgentProvider {

  /** The agent's name as flows reference it ({@code echo}). */
  String name();

  /** The agent's semantic version. */
  String version();

  /** One line saying what the agent does. */
  String description();

  /** Creates the agent. Called once per engine. */
  Agent create();
}
