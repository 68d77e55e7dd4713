package io.aispine.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as the store keeps it: never the key itself, only the SHA-256 of it.
 *
 * @param id the key's id ({@code key_…}), safe to show and log
 * @param workspace the workspace the key acts in
 * @param name what the key is for ({@code admin}, {@code ci})
 * @param role {@code owner}, {@code admin}, {@code operator} or {@code viewer}
 * @param sha256 the lower-case hex SHA-256 of the key's text
 * @param prefix the first characters of the key's text, to tell keys apart; null for old keys
 * @param times when the key was created, expires, was revoked and was last used
 */
public record ApiKey(
    String id,
    String workspace,
    String name,
    String role,
    String sha256,
    String prefix,
    Times times) {

  /** The roles a key can have, from the least to the most powerful. */
  public static final Set<String> ROLES = Set.of("viewer", "operator", "admin", "owner");

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(times, "times");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "API key role '" + role + "' is unknown: use owner, admin, operator or viewer");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("an API key is stored as a lower-case hex SHA-256");
    }
  }

  /** A key of the default workspace that never expires. */
  public ApiKey(
      String id, String name, String role, String sha256, Instant createdAt, Instant lastUsedAt) {
    this(
        id,
        Workspace.DEFAULT,
        name,
        role,
        sha256,
        null,
        new Times(createdAt, null, null, lastUsedAt));
  }

  /** When the key was created. */
  public Instant createdAt() {
    return times.createdAt();
  }

  /** When the key last authenticated a request, or null. */
  public Instant lastUsedAt() {
    return times.lastUsedAt();
  }

  /** Whether the key may authenticate a request at {@code now}: not revoked, not expired. */
  public boolean activeAt(Instant now) {
    return times.revokedAt() == null
        && (times.expiresAt() == null || now.isBefore(times.expiresAt()));
  }

  /**
   * A key's times.
   *
   * @param createdAt when the key was created
   * @param expiresAt when it stops working, or null for never
   * @param revokedAt when it was revoked, or null
   * @param lastUsedAt when it last authenticated a request, or null
   */
  public record Times(Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    public Times {
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }
}
