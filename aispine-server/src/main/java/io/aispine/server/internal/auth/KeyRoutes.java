package io.aispine.server.internal.auth;

import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.api.ApiKeyInfo;
import io.aispine.api.CreateKeyRequest;
import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.ApiKey;
import io.aispine.store.ApiKeyStore;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/v1/keys}: the API keys of the caller's workspace; {@code /api/v1/auth/whoami}: the
 * caller's own key, so that a client (the web console) knows its role and workspace. A new key is
 * shown once, in the answer that creates it; the store keeps its SHA-256 and its first characters
 * only.
 */
public final class KeyRoutes {

  /** How many characters of a key are kept to tell keys apart ({@code ask_} and 8 more). */
  static final int PREFIX_LENGTH = 12;

  private static final Set<String> WORKSPACE_ROLES = Set.of("admin", "operator", "viewer");

  private final ApiKeyStore keys;
  private final InstantSource clock;
  private final WorkspaceStore workspaces;

  public KeyRoutes(ApiKeyStore keys, WorkspaceStore workspaces, InstantSource clock) {
    this.keys = keys;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/keys", this::list);
    routes.post("/api/v1/keys", this::create);
    routes.delete("/api/v1/keys/{id}", this::revoke);
    routes.get("/api/v1/auth/whoami", this::whoami);
  }

  private void whoami(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ctx.header("Cache-Control", "no-store");
    Json.write(ctx, 200, view(Caller.of(ctx).key(), null));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    List<ApiKeyInfo> items =
        keys.list(Caller.of(ctx).workspace()).stream().map(k -> view(k, null)).toList();
    Json.write(ctx, 200, new Items<>(items));
  }

  private void create(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Caller caller = Caller.of(ctx);
    CreateKeyRequest request = RequestBodies.json(ctx, CreateKeyRequest.class);
    if (request.name() == null || request.name().isBlank()) {
      throw new ProblemException(
          Problem.badField("/name", "a key needs a name that says what it is for, like 'ci'"));
    }
    if (request.role() == null || !WORKSPACE_ROLES.contains(request.role())) {
      throw new ProblemException(
          Problem.badField(
              "/role",
              "role '"
                  + Printable.clip(String.valueOf(request.role()))
                  + "' is not a key role: use admin, operator or viewer (the owner key is the"
                  + " server's bootstrap key)"));
    }
    String workspace = caller.workspace();
    if (request.workspace() != null && !request.workspace().equals(workspace)) {
      if (caller.role() != Role.OWNER) {
        throw new ProblemException(
            Problem.forbidden(
                "only the server's owner key creates keys in another workspace; this key acts in '"
                    + workspace
                    + "'"));
      }
      if (workspaces.find(request.workspace()).isEmpty()) {
        throw new ProblemException(
            Problem.badField(
                "/workspace",
                "no workspace '"
                    + Printable.clip(request.workspace())
                    + "'; create it first (aispine workspace create)"));
      }
      workspace = request.workspace();
    }
    Instant now = clock.instant();
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      throw new ProblemException(
          Problem.badField(
              "/expires_at", "expires_at " + request.expiresAt() + " is not in the future"));
    }
    String text = ApiKeyText.generate();
    String id = "key_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    ApiKey key =
        new ApiKey(
            id,
            workspace,
            request.name().strip(),
            request.role(),
            ApiKeyText.sha256(text),
            text.substring(0, PREFIX_LENGTH),
            new ApiKey.Times(now, request.expiresAt(), null, null));
    keys.create(key);
    ctx.header("Location", "/api/v1/keys/" + id);
    ctx.header("Cache-Control", "no-store");
    Json.write(ctx, 201, view(key, text));
  }

  private void revoke(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Caller caller = Caller.of(ctx);
    String id = ctx.pathParam("id");
    if (id.equals(caller.key().id())) {
      throw new ProblemException(
          Problem.conflict(
              "a key cannot revoke itself: revoke "
                  + id
                  + " with another admin key of the workspace"));
    }
    if (!keys.revoke(caller.workspace(), id, clock.instant())) {
      throw new ProblemException(
          Problem.notFound(
              "no API key '"
                  + Printable.clip(id)
                  + "' in this workspace; GET /api/v1/keys lists them"));
    }
    ctx.status(204);
  }

  private static ApiKeyInfo view(ApiKey key, String text) {
    return new ApiKeyInfo(
        key.id(),
        key.workspace(),
        key.name(),
        key.role(),
        key.prefix(),
        key.times().createdAt(),
        key.times().expiresAt(),
        key.times().revokedAt(),
        key.times().lastUsedAt(),
        text);
  }
}
