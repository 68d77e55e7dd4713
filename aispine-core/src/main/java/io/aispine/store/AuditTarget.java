package io.aispine.store;

import java.util.Objects;

/**
 * What an audited request acted on: {@code flow} ({@code id@version}), {@code execution}, {@code
 * approval}, {@code agent} (a name: its limits and drains), {@code agent_version} ({@code
 * name@version}) or {@code route} (a refused request that named nothing else).
 */
public record AuditTarget(String type, String id) {

  public AuditTarget {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}
