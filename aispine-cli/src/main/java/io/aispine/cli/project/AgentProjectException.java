package io.aispine.cli.project;

/**
 * An agent project that could not be built or started.
 *
 * <p>{@link #environment()} tells a problem of the machine (no Maven, no JDK) from one of the
 * project (it does not compile, its tests fail, the agent does not answer).
 */
public final class AgentProjectException extends RuntimeException {

  private final boolean environment;

  AgentProjectException(String message, boolean environment) {
    super(message);
    this.environment = environment;
  }

  /** Whether the machine, not the project, is at fault. */
  public boolean environment() {
    return environment;
  }
}
