package io.aispine.agents.runtime;

import io.aispine.store.AgentRegistry;
import io.aispine.store.RegisteredAgent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registry of a process that registers no agents (a local run): it has none. */
final class EmptyRegistry implements AgentRegistry {

  @Override
  public RegisteredAgent register(RegisteredAgent agent) {
    throw new UnsupportedOperationException(
        "this process keeps no agent registry; register agents with a server, or name them with"
            + " --agent NAME=URL");
  }

  @Override
  public List<RegisteredAgent> versions(String name) {
    return List.of();
  }

  @Override
  public List<RegisteredAgent> all() {
    return List.of();
  }

  @Override
  public Optional<RegisteredAgent> deprecate(
      String name, String version, String reason, Instant at) {
    return Optional.empty();
  }

  @Override
  public Optional<RegisteredAgent> undeprecate(String name, String version) {
    return Optional.empty();
  }

  @Override
  public boolean eraseSecret(String name, String version) {
    return false;
  }
}
