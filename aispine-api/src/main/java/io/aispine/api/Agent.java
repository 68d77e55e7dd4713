package io.aispine.api;

import java.util.List;

/**
 * An agent known to the server: its name, kind ({@code builtin} or {@code http}), the version an
 * unranged reference calls now ({@code latest}: the highest that is not deprecated), every version,
 * oldest first, {@code drained} when every version is drained, and the limits in force.
 */
public record Agent(
    String name,
    @WireField(values = {"builtin", "http"}) String kind,
    @Nullable String description,
    @Nullable String latest,
    List<AgentVersion> versions,
    boolean drained,
    AgentLimits limits) {

  /** Copies the versions; a missing list reads as empty. */
  public Agent {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
