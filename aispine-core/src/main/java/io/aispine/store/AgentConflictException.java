package io.aispine.store;

/** An agent version was registered again with another URL or manifest. Versions are immutable. */
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

  /** The version exists at the same URL with another manifest. */
  public static AgentConflictException manifestDiffers(String name, String version) {
    return new AgentConflictException(
        "agent "
            + name
            + " version "
            + version
            + " is already registered with another manifest; register a new version to change it");
  }

  private AgentConflictException(String message) {
    super(message);
  }
}
