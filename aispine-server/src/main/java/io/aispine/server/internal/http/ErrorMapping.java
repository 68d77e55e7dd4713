package io.aispine.server.internal.http;

import io.aispine.api.Problem;
import io.aispine.store.StoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a problem+json answer: expected ones ({@link ProblemException},
 * Javalin's HTTP errors) as themselves, store trouble as 503, anything else as a logged 500 that
 * shows no stack trace.
 */
public final class ErrorMapping {

  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  /** Maps every failure of a request, exceptions and {@link Error}s alike, to a problem. */
  public static void register(JavalinConfig config) {
    register(config.routes);
    // A StackOverflowError from input nested too deeply for a parser, an OutOfMemoryError: Javalin
    // answers these with an empty 500 unless told otherwise.
    config.router.javaLangErrorHandler(ErrorMapping::fatal);
  }

  private static void register(RoutesConfig routes) {
    routes.exception(
        ProblemException.class, (e, ctx) -> Json.problem(ctx, e.problem().at(ctx.path())));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> Json.problem(ctx, forStatus(ctx, e.getStatus(), e.getMessage())));
    routes.exception(
        StoreException.class,
        (e, ctx) -> {
          log.error("the store failed serving {} {}", ctx.method(), ctx.path(), e);
          Json.problem(
              ctx,
              Problem.unavailable("the store failed; try again, and see the server log if it lasts")
                  .at(ctx.path()));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
          Json.problem(
              ctx, Problem.internal("the server failed unexpectedly; see its log").at(ctx.path()));
        });
    routes.error(404, ctx -> unlessProblem(ctx, 404));
    routes.error(405, ctx -> unlessProblem(ctx, 405));
  }

  private static void fatal(HttpServletResponse response, Error error) {
    log.error("fatal error serving a request", error);
    if (response.isCommitted()) {
      return;
    }
    try {
      response.reset();
      response.setStatus(500);
      response.setContentType(Problem.MEDIA_TYPE);
      response
          .getOutputStream()
          .write(Json.bytes(Problem.internal("the server failed unexpectedly; see its log")));
    } catch (IOException | RuntimeException e) {
      log.warn("could not answer the request that failed with {}", error.toString(), e);
    }
  }

  /** Javalin calls error handlers for every 404/405, also ours: keep a problem already written. */
  private static void unlessProblem(Context ctx, int status) {
    String type = ctx.res().getContentType();
    if (type != null && type.startsWith(Problem.MEDIA_TYPE)) {
      return;
    }
    Json.problem(ctx, forStatus(ctx, status, null));
  }

  private static Problem forStatus(Context ctx, int status, String message) {
    String route = ctx.method() + " " + Printable.clip(ctx.path());
    Problem problem =
        switch (status) {
          case 404 ->
              Problem.notFound("no such route: " + route + "; GET /openapi.json lists them");
          case 405 ->
              Problem.methodNotAllowed(
                  route + " is not allowed; GET /openapi.json lists the methods of each route");
          case 413 -> Problem.payloadTooLarge(RequestBodies.MAX_BYTES);
          case 500 -> Problem.internal("the server failed unexpectedly; see its log");
          default ->
              Problem.forStatus(
                  status,
                  HttpStatus.getMessage(status),
                  message == null ? route : Printable.clip(message));
        };
    return problem.at(ctx.path());
  }
}
