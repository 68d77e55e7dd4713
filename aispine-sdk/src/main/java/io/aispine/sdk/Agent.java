package io.aispine.sdk;

import java.util.List;

/** An agent known to the server: its name, kind ({@code builtin} or {@code http}) and versions. */
public record Agent(String name, String kind, String description, List<AgentVersion> versions) {

  /** Copies the versions; a missing list reads as empty. */
  public Agent {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
