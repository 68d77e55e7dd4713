package io.aispine.engine.it;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentResolver;
import io.aispine.agent.AgentResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Agents given as lambdas by name, standing in for the built-ins in engine tests. */
final class TestAgents implements AgentResolver {

  private final Map<String, Agent> agents = new ConcurrentHashMap<>();

  TestAgents() {
    agents.put("echo", call -> AgentResult.success(call.input()));
  }

  TestAgents with(String name, Agent agent) {
    agents.put(name, agent);
    return this;
  }

  @Override
  public Optional<Agent> resolve(String reference) {
    int at = reference.indexOf('@');
    return Optional.ofNullable(agents.get(at < 0 ? reference : reference.substring(0, at)));
  }
}
