package io.aispine.sdk;

import java.util.List;

/**
 * An agent known to the server: its name, kind ({@code builtin} or {@code http}), the version an
 * unranged reference calls now ({@code latest}: the highest that is not deprecated), every version,
 * oldest first, and {@code drained} when every version is drained (gets no new calls).
 */
public record Agent(
    String name,
    String kind,
    String description,
    List<AgentVersion> versions,
    String latest,
    boolean drained) {

  /** Copies the versions; a missing list reads as empty. */
  public Agent {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  /** An agent as servers without a registry showed it. */
  public Agent(String name, String kind, String description, List<AgentVersion> versions) {
    this(name, kind, description, versions, null, false);
  }
}
