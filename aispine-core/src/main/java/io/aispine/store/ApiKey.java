package io.aispine.store;

import io.aispine.flow.ApprovalNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as the store keeps it: never the key itself, only the SHA-256 of it.
 *
 * @param id the key's id ({@code key_…}), safe to show and log
 * @param name what the key is for ({@code admin}, {@code ci})
 * @param role {@code admin}, {@code operator} or {@code viewer}
 * @param sha256 the lower-case hex SHA-256 of the key's text
 * @param createdAt when the key was created
 * @param lastUsedAt when the key last authenticated a request, or null
 */
public record ApiKey(
    String id, String name, String role, String sha256, Instant createdAt, Instant lastUsedAt) {

  /** The roles a key can have. */
  public static final Set<String> ROLES = ApprovalNode.ROLES;

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "API key role '" + role + "' is unknown: use admin, operator or viewer");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("an API key is stored as a lower-case hex SHA-256");
    }
  }
}
