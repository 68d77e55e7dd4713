package io.aispine.server.internal.auth;

import io.aispine.store.ApiKey;
import io.javalin.http.Context;

/**
 * Who sent a request: its key, the key's role and workspace. Set by {@link BearerAuth}; every API
 * handler runs after it.
 *
 * @param key the authenticated key
 * @param role the key's role
 */
public record Caller(ApiKey key, Role role) {

  /** The caller of an authenticated request. */
  public static Caller of(Context ctx) {
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    if (key == null) {
      throw new IllegalStateException("no API key on " + ctx.path() + ": BearerAuth runs first");
    }
    return new Caller(key, Role.of(key.role()));
  }

  /** The workspace the caller acts in. */
  public String workspace() {
    return key.workspace();
  }

  /** Whether an object owned by {@code owner} (empty: none exists) is the caller's to see. */
  public boolean owns(java.util.Optional<String> owner) {
    return owner.isPresent() && owner.get().equals(workspace());
  }
}
