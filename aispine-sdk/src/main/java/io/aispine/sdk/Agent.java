package io.aispine.sdk;

import java.util.List;

/**
 * An agent known to the server: its name, kind ({@code builtin} or {@code http}) and versions;
 * {@code drained} when every version is drained (gets no new calls).
 */
public record Agent(
    String name, String kind, String description, List<AgentVersion> versions, boolean drained) {

  /** Copies the versions; a missing list reads as empty. */
  public Agent {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
