package io.aispine.server.internal.gate;

import io.aispine.api.PanicRequest;
import io.aispine.api.PanicStatus;
import io.aispine.api.Problem;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.ApiKey;
import io.aispine.store.PanicState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/panic}: the server's owner freezes every mutation and every new run for an
 * incident, and lifts the freeze (RouteRoles says who may). Reads keep working, and so does
 * cancelling executions: stopping work is what an incident needs, so the freeze does not stand in
 * its way.
 */
public final class PanicRoutes {

  private static final Logger log = LoggerFactory.getLogger(PanicRoutes.class);

  static final String PATH = "/api/v1/panic";

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern CANCEL = Pattern.compile("/api/v1/executions/[^/]+/cancel");

  private final PanicSwitch panic;

  public PanicRoutes(PanicSwitch panic) {
    this.panic = panic;
  }

  public void register(RoutesConfig routes) {
    routes.get(PATH, this::status);
    routes.put(PATH, this::set);
  }

  /**
   * Refuses a mutation while panic mode is on (call it after authentication, so that an unknown key
   * still gets 401): every method but reads, except switching panic mode and cancelling.
   */
  public void refuseMutationInPanic(Context ctx) {
    String method = ctx.method().name();
    if (READS.contains(method)) {
      return;
    }
    String path = ctx.path();
    if (path.equals(PATH) || CANCEL.matcher(path).matches()) {
      return;
    }
    Optional<PanicState> on = panic.current();
    if (on.isPresent()) {
      throw new ProblemException(GateProblems.panic(GateProblems.panicDetail(on.get())));
    }
  }

  private void status(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, view(panic.current()));
  }

  private void set(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ApiKey key = Caller.of(ctx).key();
    PanicRequest request = RequestBodies.json(ctx, PanicRequest.class);
    if (request.on() == null) {
      throw new ProblemException(
          Problem.badField(
              "/on",
              "field /on is required: {\"on\": true, \"reason\": \"…\"} freezes, {\"on\":"
                  + " false} lifts the freeze"));
    }
    if (request.on()) {
      PanicState state = panic.on(key.id(), request.reason());
      log.warn(
          "PANIC MODE ON by {}: every mutation and new run is refused until it is switched off{}",
          key.id(),
          state.reason().isBlank() ? "" : " (" + state.reason() + ")");
    } else {
      boolean wasOn = panic.current().isPresent();
      panic.off();
      if (wasOn) {
        log.warn("panic mode off by {}: mutations and new runs are accepted again", key.id());
      }
    }
    Json.write(ctx, 200, view(panic.current()));
  }

  private static PanicStatus view(Optional<PanicState> state) {
    return state
        .map(s -> new PanicStatus(true, s.since(), s.by(), s.reason()))
        .orElse(new PanicStatus(false, null, null, null));
  }
}
