package io.aispine.server.internal.auth;

import io.aispine.api.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.workspaces.WorkspaceQuotas;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;

/**
 * Runs once the route of an API request is known (after {@link BearerAuth}): the caller's role must
 * include the route's least role ({@link RouteRoles}), and the key must be within its workspace's
 * API call rate. Ids of other workspaces are hidden by the routes themselves, which answer for them
 * exactly as for ids that do not exist.
 */
public final class RouteGuard implements Handler {

  private final WorkspaceQuotas quotas;

  public RouteGuard(WorkspaceQuotas quotas) {
    this.quotas = quotas;
  }

  @Override
  public void handle(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null || !endpoint.path.startsWith("/api/v1/")) {
      return;
    }
    Caller caller = Caller.of(ctx);
    String method = endpoint.method.name();
    Role least =
        RouteRoles.of(method, endpoint.path)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.forbidden(
                            method
                                + " "
                                + endpoint.path
                                + " has no role in the server's route table; no key may call it")));
    if (!caller.role().includes(least)) {
      throw new ProblemException(
          Problem.forbidden(
              method
                  + " "
                  + endpoint.path
                  + " needs a key with role "
                  + least.wireName()
                  + " or above; API key '"
                  + caller.key().name()
                  + "' ("
                  + caller.key().id()
                  + ") is "
                  + caller.role().wireName()));
    }
    WorkspaceQuotas.Result call = quotas.takeCall(caller.workspace(), caller.key().id());
    if (call.exceeded() != null) {
      throw call.exceeded().answer(ctx, quotas.clock().instant());
    }
    if (call.remaining() >= 0) {
      ctx.header("RateLimit-Limit", Long.toString(call.limit()));
      ctx.header("RateLimit-Remaining", Long.toString(call.remaining()));
    }
  }
}
