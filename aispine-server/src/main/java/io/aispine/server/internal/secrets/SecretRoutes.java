package io.aispine.server.internal.secrets;

import io.aispine.api.Problem;
import io.aispine.api.Secret;
import io.aispine.expr.SecretReferences;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.secrets.KeysetNotWritableException;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.SecretStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/secrets}: set, list and delete the secrets of the caller's workspace (admin keys,
 * see RouteRoles), and rotate the server's keyset (the owner). Write-only: no route ever returns a
 * value.
 */
public final class SecretRoutes {

  private final SecretVault vault;
  private final SecretStore store;

  public SecretRoutes(SecretVault vault, SecretStore store) {
    this.vault = vault;
    this.store = store;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/secrets", this::list);
    routes.put("/api/v1/secrets/{name}", this::put);
    routes.delete("/api/v1/secrets/{name}", this::delete);
    routes.post("/api/v1/secrets/rotate", this::rotate);
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    List<Secret> items =
        store.list(Caller.of(ctx).workspace()).stream()
            // only the names a user can set: agents' signing secrets are kept under reserved ones
            .filter(row -> SecretReferences.NAME.matcher(row.name()).matches())
            .map(SecretRoutes::view)
            .toList();
    Json.write(ctx, 200, Map.of("items", items));
  }

  private void put(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String name = validName(ctx.pathParam("name"));
    SecretRequest request = RequestBodies.json(ctx, SecretRequest.class);
    boolean created = vault.put(Caller.of(ctx).workspace(), name, request.value());
    var row = store.find(Caller.of(ctx).workspace(), name).orElseThrow();
    if (created) {
      ctx.header("Location", "/api/v1/secrets/" + name);
    }
    Json.write(ctx, created ? 201 : 200, view(row));
  }

  private void delete(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    String name = validName(ctx.pathParam("name"));
    if (!store.delete(Caller.of(ctx).workspace(), name)) {
      throw new ProblemException(notFound(name));
    }
    ctx.status(204);
  }

  private void rotate(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    SecretVault.Rotation rotation;
    try {
      rotation = vault.rotate();
    } catch (KeysetNotWritableException e) {
      throw new ProblemException(
          Problem.of(409, "keyset-not-writable", "Keyset not writable", e.getMessage()));
    }
    Json.write(
        ctx, 200, Map.of("key_version", rotation.keyId(), "reencrypted", rotation.reencrypted()));
  }

  private static Secret view(SecretStore.Row row) {
    return new Secret(row.name(), row.createdAt(), row.updatedAt(), row.keyId());
  }

  private static String validName(String name) {
    if (!SecretReferences.NAME.matcher(name).matches()) {
      throw new ProblemException(
          Problem.badParameter(
              "name",
              "secret name '"
                  + io.aispine.server.internal.http.Printable.clip(name)
                  + "' is not valid: a letter or '_', then up to 63 letters, digits or '_'"
                  + " ([A-Za-z_][A-Za-z0-9_]{0,63}), as in ${secrets.NAME}"));
    }
    return name;
  }

  private static Problem notFound(String name) {
    return Problem.notFound("no secret named '" + name + "'; GET /api/v1/secrets lists them");
  }
}
