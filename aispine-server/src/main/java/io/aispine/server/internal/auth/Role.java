package io.aispine.server.internal.auth;

import java.util.Locale;

/**
 * What a key may do, each role including the ones before it: {@code viewer} reads, {@code operator}
 * also deploys, runs and answers approvals, {@code admin} does everything in its workspace (keys
 * and secrets too), {@code owner} also manages the server's workspaces.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN,
  OWNER;

  /** The role a stored key names ({@code viewer}, …). */
  public static Role of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Whether this role includes {@code minimum}. */
  public boolean includes(Role minimum) {
    return compareTo(minimum) >= 0;
  }

  /** The role's wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
