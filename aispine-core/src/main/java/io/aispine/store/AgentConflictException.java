package io.aispine.store;

/** An agent version was registered again with another URL. Versions are immutable. */
public final class AgentConflictException extends StoreException {
  public AgentConflictException(String name, String version, String storedUrl) {
    super(
        "agent "
            + name
            + " version "
            + version
            + " is already registered at "
            + storedUrl
            + "; register a new version to change its URL");
  }
}
