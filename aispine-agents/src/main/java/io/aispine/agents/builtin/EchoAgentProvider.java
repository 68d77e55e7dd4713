package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;

/** Provides the {@code echo} agent, whose output is its input. */
public final class EchoAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Returns its input unchanged.";
  }

  @Override
  public Agent create() {
    return new EchoAgent();
  }
}
