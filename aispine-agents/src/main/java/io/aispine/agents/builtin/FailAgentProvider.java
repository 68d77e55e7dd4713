package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;

/** Provides the {@code fail} agent, which fails a node's first attempts to exercise retries. */
public final class FailAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Fails the first 'times' attempts of a node (retryable or permanent), then succeeds.";
  }

  @Override
  public Agent create() {
    return new FailAgent();
  }
}
