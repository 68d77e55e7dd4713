package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;

/** Provides the {@code sleep} agent, which waits a given number of milliseconds. */
public final class SleepAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Waits for the given number of milliseconds without holding a platform thread.";
  }

  @Override
  public Agent create() {
    return new SleepAgent();
  }
}
