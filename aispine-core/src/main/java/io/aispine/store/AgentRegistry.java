package io.aispine.store;

import java.util.List;

/** HTTP agents registered with the server, one row per name and version. */
public interface AgentRegistry {

  /**
   * Registers an agent version. Registering the same name, version and URL again changes nothing
   * and returns the stored record.
   *
   * @return the stored record
   * @throws AgentConflictException when that name and version exist with another URL
   */
  RegisteredAgent register(RegisteredAgent agent);

  /** Every version of an agent, oldest first by semantic version; empty when unknown. */
  List<RegisteredAgent> versions(String name);

  /** Every registered version of every agent, by name then semantic version. */
  List<RegisteredAgent> all();
}
