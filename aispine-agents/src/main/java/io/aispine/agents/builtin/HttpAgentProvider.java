package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;

/** Provides the {@code http} agent, which sends one HTTP request and answers with the response. */
public final class HttpAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Sends an HTTP request and returns the status, headers and (JSON-parsed) body.";
  }

  @Override
  public Agent create() {
    return new HttpRequestAgent();
  }
}
