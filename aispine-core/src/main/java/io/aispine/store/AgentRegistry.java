package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** HTTP agents registered with the server, one row per name and version. */
public interface AgentRegistry {

  /**
   * Registers an agent version. Registering the same name, version, URL and manifest again changes
   * nothing and returns the stored record.
   *
   * @return the stored record
   * @throws AgentConflictException when that name and version exist with another URL or manifest
   */
  RegisteredAgent register(RegisteredAgent agent);

  /** Every version of an agent, oldest first by semantic version; empty when unknown. */
  List<RegisteredAgent> versions(String name);

  /** Every registered version of every agent, by name then semantic version. */
  List<RegisteredAgent> all();

  /**
   * Marks a version deprecated (again: with the new reason and time).
   *
   * @return the updated version, or empty when there is no such version
   */
  Optional<RegisteredAgent> deprecate(String name, String version, String reason, Instant at);

  /**
   * Lifts a version's deprecation.
   *
   * @return the updated version, or empty when there is no such version
   */
  Optional<RegisteredAgent> undeprecate(String name, String version);

  /**
   * Erases the signing secret stored with a version (the plaintext that registrations before the
   * encrypted secrets store kept in the registry), once it has been kept elsewhere.
   *
   * @return true when the version had one
   */
  boolean eraseSecret(String name, String version);
}
