package io.aispine.agents.serve;

import io.aispine.agent.Agent;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.HealthResponse;
import io.aispine.agents.contract.SignatureVerifier;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Agent} over HTTP per the agent contract ({@code GET /health}, {@code POST
 * /execute}), so that any agent can run in its own process and be called by {@code HttpAgent}.
 */
public final class AgentServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

  private final Javalin app;
  private final ScheduledExecutorService deadlines;

  private AgentServer(Javalin app, ScheduledExecutorService deadlines) {
    this.app = app;
    this.deadlines = deadlines;
  }

  /**
   * Starts serving {@code agent}.
   *
   * @param agent the agent to serve
   * @param name the agent's name, reported by {@code /health}
   * @param version the agent's semantic version, reported by {@code /health}
   * @param port the TCP port, 0 for a free one (see {@link #port()})
   * @param secret the shared signing secret, or null to accept unsigned requests
   */
  public static AgentServer start(
      Agent agent, String name, String version, int port, String secret) {
    return startWithVerifier(
        agent, name, version, port, secret == null ? null : SignatureVerifier.of(secret));
  }

  /**
   * Starts serving {@code agent}, checking signatures with {@code verifier} (null: none); use it to
   * accept several secrets while rotating one.
   */
  public static AgentServer startWithVerifier(
      Agent agent, String name, String version, int port, SignatureVerifier verifier) {
    return startWithVerifier(agent, name, version, null, port, verifier);
  }

  /**
   * Starts serving {@code agent} on one interface only ({@code host}, such as {@code 127.0.0.1};
   * null: every interface), checking signatures with {@code verifier} (null: none).
   */
  public static AgentServer startWithVerifier(
      Agent agent, String name, String version, String host, int port, SignatureVerifier verifier) {
    return startWithManifest(agent, name, version, host, port, verifier, null);
  }

  /**
   * Starts serving {@code agent} like {@link #startWithVerifier(Agent, String, String, String, int,
   * SignatureVerifier)}, and also {@code GET /manifest} answering {@code manifest} as JSON (null:
   * no such endpoint), so that tools can read what the agent takes and gives.
   */
  public static AgentServer startWithManifest(
      Agent agent,
      String name,
      String version,
      String host,
      int port,
      SignatureVerifier verifier,
      Object manifest) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    ScheduledExecutorService deadlines =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("agent-deadlines-" + name).factory());
    var handler = new ExecuteHandler(verifier, new AgentRunner(agent, name, deadlines));
    var health = new HealthResponse(HealthResponse.OK, name, version);
    Javalin created =
        Javalin.create(
            config -> {
              configure(config, handler, health);
              if (manifest != null) {
                config.routes.get("/manifest", ctx -> json(ctx, 200, manifest));
              }
            });
    Javalin app = host == null ? created.start(port) : created.start(host, port);
    if (verifier == null) {
      LOG.warn("agent {} accepts unsigned requests on port {}", name, app.port());
    }
    return new AgentServer(app, deadlines);
  }

  private static void configure(
      JavalinConfig config, ExecuteHandler execute, HealthResponse health) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    // Agents mostly wait on I/O (models, APIs): a virtual thread per request costs next to nothing.
    config.concurrency.useVirtualThreads = true;
    config.http.maxRequestSize = ExecuteHandler.MAX_BODY_BYTES;
    config.http.prefer405over404 = true;
    config.routes.get("/health", ctx -> json(ctx, 200, health));
    config.routes.post("/execute", execute);
    config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e.problem()));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> problem(ctx, frameworkProblem(ctx, e.getStatus(), e.getMessage())));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
          problem(ctx, Problem.internal("the agent server failed unexpectedly; see its log"));
        });
    config.routes.error(404, ctx -> problem(ctx, frameworkProblem(ctx, 404, null)));
    config.routes.error(405, ctx -> problem(ctx, frameworkProblem(ctx, 405, null)));
  }

  private static Problem frameworkProblem(Context ctx, int status, String message) {
    String route = ctx.method() + " " + ctx.path();
    return switch (status) {
      case 404 ->
          Problem.notFound(
              "no such endpoint: " + route + "; an agent serves GET /health and POST /execute");
      case 405 ->
          Problem.methodNotAllowed(
              route + " is not allowed; an agent serves GET /health and POST /execute");
      case 413 -> Problem.tooLarge(ExecuteHandler.MAX_BODY_BYTES);
      default -> Problem.ofStatus(status, message == null ? route : message);
    };
  }

  private static void problem(Context ctx, Problem problem) {
    json(ctx, problem.status(), problem);
    ctx.contentType(Problem.MEDIA_TYPE);
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(ContractJson.mapper().writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a contract record as JSON", e);
    }
  }

  /** The TCP port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Stops serving; calls in flight are cut off. */
  @Override
  public void close() {
    app.stop();
    deadlines.shutdownNow();
  }
}
