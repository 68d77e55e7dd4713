package io.aispine.server;

import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.builtin.HttpAgentProvider;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.engine.Engine;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.secret.SecretAgents;
import io.aispine.server.internal.agents.AgentCatalog;
import io.aispine.server.internal.agents.AgentControlRoutes;
import io.aispine.server.internal.agents.AgentRoutes;
import io.aispine.server.internal.approvals.ApprovalRoutes;
import io.aispine.server.internal.auth.AdminKeyBootstrap;
import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.events.EventFeed;
import io.aispine.server.internal.events.StreamRoutes;
import io.aispine.server.internal.executions.ExecutionRoutes;
import io.aispine.server.internal.flows.FlowRoutes;
import io.aispine.server.internal.http.ErrorMapping;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Problem;
import io.aispine.server.internal.http.ProblemErrorHandler;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.internal.ops.OpenApiDocument;
import io.aispine.server.internal.ops.OpsRoutes;
import io.aispine.server.internal.ops.ServerMetrics;
import io.aispine.server.internal.resilience.AgentGuards;
import io.aispine.server.internal.resilience.AgentHealth;
import io.aispine.server.internal.resilience.AgentLimits;
import io.aispine.server.internal.resilience.CircuitBreakers;
import io.aispine.server.internal.resilience.ConcurrencyLimits;
import io.aispine.server.internal.resilience.DeferralMetrics;
import io.aispine.server.internal.resilience.Drains;
import io.aispine.server.internal.resilience.FlowAdmission;
import io.aispine.server.internal.resilience.LimitSource;
import io.aispine.server.internal.resilience.RateLimits;
import io.aispine.server.internal.secrets.SecretRoutes;
import io.aispine.server.internal.secrets.SecretVault;
import io.aispine.store.AgentControls;
import io.aispine.store.Store;
import io.aispine.store.jdbc.JdbcStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI Spine server: the REST API v1, server-sent events, metrics and the OpenAPI document over
 * one store and one engine. {@link #start} opens everything; {@link #close} shuts down gracefully.
 */
public final class AispineServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AispineServer.class);

  /** How often an idle event stream sends a keep-alive comment. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  /**
   * How long closing may take beyond the engine's grace period (for the committer, the store and
   * the HTTP server) before {@link #close()} stops waiting for it.
   */
  static final Duration CLOSE_ALLOWANCE = Duration.ofSeconds(5);

  private final Store store;
  private final Engine engine;
  private final AutoCloseable engineListener;
  private final AgentHealth health;
  private final OutboundHttp outbound;
  private final EventFeed feed;
  private final Javalin app;
  private final AtomicBoolean closing;
  private final String adminKey;
  private final Path adminKeyFile;
  private final List<String> routes;
  private final Duration shutdownGrace;

  private AispineServer(Parts parts, Javalin app) {
    this.store = parts.store;
    this.engine = parts.engine;
    this.engineListener = parts.engineListener;
    this.health = parts.health;
    this.outbound = parts.outbound;
    this.feed = parts.feed;
    this.app = app;
    this.closing = parts.closing;
    this.adminKey = parts.adminKey;
    this.adminKeyFile = parts.adminKeyFile;
    this.routes = Collections.unmodifiableList(parts.routes);
    this.shutdownGrace = parts.engineOptions.shutdownGrace();
  }

  /**
   * Opens the store, starts the engine (which resumes unfinished executions), creates the admin key
   * on first start (printed once on stdout and written to {@code admin.key} with mode 600) and
   * starts listening.
   *
   * @throws io.aispine.store.StoreException when the store cannot be opened or is in use
   */
  public static AispineServer start(ServerConfig config) {
    return start(config, InstantSource.system());
  }

  /**
   * Starts a server whose engine, circuits, limits and health checks read {@code clock} (tests pass
   * a controllable one); see {@link #start(ServerConfig)}.
   */
  public static AispineServer start(ServerConfig config, InstantSource clock) {
    var parts = new Parts();
    try {
      parts.store =
          config.dbUrl() != null
              ? JdbcStore.open(config.dbUrl())
              : JdbcStore.openDataDir(config.effectiveDataDir());
      parts.adminKeyFile =
          config.keyDir().toAbsolutePath().normalize().resolve(AdminKeyBootstrap.FILE_NAME);
      parts.adminKey =
          AdminKeyBootstrap.createIfNone(parts.store.apiKeys(), config.keyDir(), clock)
              .orElse(null);
      parts.secrets =
          SecretVault.open(
              parts.store.secrets(), clock, System.getenv(SecretVault.KEYSET_ENV), config.keyDir());
      var metrics = new ServerMetrics();
      AgentResilience resilience = config.resilience();
      var circuits =
          new CircuitBreakers(resilience.circuit(), clock.withZone(ZoneOffset.UTC), metrics);
      metrics.watchCircuits(circuits::stateCode);
      // The server's own port, once known (0 asks for a free one, known only when listening).
      var ownPort = new AtomicInteger(config.port());
      parts.outbound =
          new OutboundHttp(
              OutboundPolicy.forServer(config.host(), ownPort::get, config.outboundAllow()));
      BuiltinAgents builtins = BuiltinAgents.load().with(new HttpAgentProvider(parts.outbound));
      // the guards are built before the catalog they guard, so the manifests' declared limits are
      // read through this reference, set as soon as the catalog exists
      var catalogRef = new java.util.concurrent.atomic.AtomicReference<AgentCatalog>();
      LimitSource manifests =
          name ->
              Optional.ofNullable(catalogRef.get())
                  .flatMap(c -> c.choose(name, null))
                  .map(a -> a.details().limits())
                  .map(l -> new LimitSource.Declared(l.ratePerMinute(), l.maxConcurrency()));
      var guards = Guards.open(parts, resilience, circuits, clock, builtins, manifests);
      var catalog =
          new AgentCatalog(builtins, parts.store.agents(), guards.guards(), parts.outbound);
      catalogRef.set(catalog);
      parts.health =
          new AgentHealth(catalog, circuits, resilience.slowThreshold(), clock)
              .every(resilience.healthInterval());
      parts.engineOptions = EngineOptions.fromEnvironment().withClock(clock);
      // agents get secret values in their calls only; what they answer is redacted before storing
      DurableEngine engine =
          DurableEngine.create(
              parts.store, new SecretAgents(catalog, parts.secrets), parts.engineOptions);
      parts.engine = engine;
      guards.guards().held().deliverWith(engine::deliverNow);
      guards
          .guards()
          .admittedTo(
              call -> engine.callAdmitted(call.executionId(), call.nodePath(), call.attempt()));
      parts.feed = new EventFeed(parts.store.executions());
      EventFeed feed = parts.feed;
      var deferrals = new DeferralMetrics(metrics.registry());
      parts.engineListener =
          parts.engine.subscribe(
              event -> {
                metrics.onEvent(event);
                guards.admission().onEvent(event);
                guards.guards().onEvent(event);
                deferrals.onEvent(event);
                feed.wake();
              });
      var controls =
          new AgentControlRoutes(
              catalog,
              guards.limits(),
              guards.drains(),
              guards.concurrency(),
              guards.rates(),
              parts.store.agentControls(),
              clock);
      Javalin app =
          Javalin.create(
                  c -> configure(c, config, parts, catalog, circuits, metrics, clock, controls))
              .start();
      ownPort.set(app.port());
      var server = new AispineServer(parts, app);
      // The new admin key (if any) is handed to the caller through adminKeyCreated(); a library
      // must not print secrets, the `aispine server` command shows it once to its operator.
      log.info("AI Spine server listening on http://{}:{}", config.host(), app.port());
      log.info("outbound requests: {}", parts.outbound.policy());
      return server;
    } catch (RuntimeException e) {
      parts.closeQuietly();
      throw e;
    }
  }

  private static void configure(
      JavalinConfig config,
      ServerConfig server,
      Parts parts,
      AgentCatalog catalog,
      CircuitBreakers circuits,
      ServerMetrics metrics,
      InstantSource clock,
      AgentControlRoutes controls) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    // Requests mostly wait on the store, agents or a stream: a virtual thread each costs little.
    config.concurrency.useVirtualThreads = true;
    config.http.maxRequestSize = RequestBodies.MAX_BYTES;
    config.http.prefer405over404 = true;
    config.jetty.host = server.host();
    config.jetty.port = server.port();
    config.jetty.modifyServer(s -> s.setErrorHandler(new ProblemErrorHandler()));
    config.events.handlerAdded(
        meta -> {
          String method = meta.getHttpMethod().name();
          if (!method.equals("BEFORE") && !method.equals("AFTER")) {
            parts.routes.add(method + " " + meta.getPath());
          }
        });

    ErrorMapping.register(config);
    var routes = config.routes;
    var auth = new BearerAuth(parts.store.apiKeys(), clock);
    routes.before(
        "/api/v1/*",
        ctx -> {
          if (parts.closing.get()) {
            throw new ProblemException(Problem.unavailable("the server is shutting down"));
          }
          auth.handle(ctx);
        });
    routes.after(RequestBodies::finish);
    new FlowRoutes(parts.store.flows(), catalog::exists, clock).register(routes);
    new ExecutionRoutes(parts.engine, parts.store.flows(), parts.store.executions())
        .register(routes);
    new StreamRoutes(parts.engine, parts.store.executions(), parts.feed, KEEP_ALIVE.toMillis())
        .register(routes);
    new AgentRoutes(catalog, parts.health, circuits, clock, controls).register(routes);
    controls.register(routes);
    new ApprovalRoutes(parts.engine, parts.store.approvals()).register(routes);
    new SecretRoutes(parts.secrets, parts.store.secrets()).register(routes);
    boolean metricsNeedKey = server.metricsNeedKey();
    log.info(
        "/metrics {} ({}={}, listening on {})",
        metricsNeedKey ? "needs an API key" : "is open",
        MetricsAccess.ENV,
        server.metricsAccess().name().toLowerCase(Locale.ROOT),
        server.host());
    byte[] openApi = Json.bytes(OpenApiDocument.build(version(), metricsNeedKey));
    Handler metricsGuard = metricsNeedKey ? auth : ctx -> {};
    new OpsRoutes(parts.store, metrics, () -> openApi, parts.closing::get, metricsGuard)
        .register(routes);
  }

  private static String version() {
    String version = AispineServer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The admin key created by this start (a store's first), or empty: shown only once. */
  public Optional<String> adminKeyCreated() {
    return Optional.ofNullable(adminKey);
  }

  /** Where the admin key file is (or would be) written. */
  public Path adminKeyFile() {
    return adminKeyFile;
  }

  /** Every registered route as {@code "METHOD /path"}, for the OpenAPI completeness test. */
  public List<String> routes() {
    return routes;
  }

  /**
   * Shuts down gracefully: refuses new API requests (503), ends event streams, stops listening once
   * requests in flight are answered, then closes the engine (running attempts get its grace period;
   * unfinished work stays durable and resumes on the next start) and the store.
   *
   * <p>Returns within the engine's grace period plus {@link #CLOSE_ALLOWANCE} whatever happens: a
   * commit stuck in the store or an agent that ignores interrupts must not keep a process that was
   * told to stop (SIGTERM) alive. What did not finish by then is left to the process's exit;
   * nothing committed is lost, and unfinished work resumes on the next start.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
    Thread closer =
        Thread.ofPlatform()
            .name("aispine-server-close")
            .daemon()
            .start(
                () -> {
                  try {
                    closeInOrder();
                  } catch (RuntimeException e) {
                    failure.set(e);
                  }
                });
    Duration patience = shutdownGrace.plus(CLOSE_ALLOWANCE);
    try {
      if (!closer.join(patience)) {
        log.error(
            "the server did not shut down within {}; not waiting any longer (nothing committed is"
                + " lost; unfinished work resumes on the next start)",
            patience);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void closeInOrder() {
    try {
      health.close();
      feed.close();
      app.stop();
    } finally {
      closeQuietly(engineListener);
      try {
        engine.close();
      } finally {
        // after the engine: attempts in their grace period may still be sending
        closeQuietly(outbound);
        store.close();
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("closing {} failed", closeable, e);
    }
  }

  /**
   * The guards of agent calls besides the circuits: drains, flow concurrency, agent concurrency and
   * rate limits. The flow admission reads executions from the engine once there is one.
   */
  private record Guards(
      AgentGuards guards,
      FlowAdmission admission,
      AgentLimits limits,
      Drains drains,
      ConcurrencyLimits concurrency,
      RateLimits rates) {

    static Guards open(
        Parts parts,
        AgentResilience resilience,
        CircuitBreakers circuits,
        InstantSource clock,
        BuiltinAgents builtins,
        LimitSource declared) {
      AgentControls controls = parts.store.agentControls();
      var admission =
          new FlowAdmission(
              parts.store.flows(),
              id ->
                  parts.engine == null
                      ? parts.store.executions().find(id)
                      : parts.engine.execution(id));
      admission.prime(parts.store.executions().findActive());
      var limits =
          new AgentLimits(controls, resilience, declared, builtins.providers()::containsKey);
      var drains = new Drains(controls);
      var concurrency = new ConcurrencyLimits();
      // a restart must not grant a fresh bucket: the last minute's calls count against the first
      var rates =
          new RateLimits(
              clock,
              controls.callsSince(clock.instant().minus(Duration.ofMinutes(1))),
              name -> limits.effective(name).ratePerMinute());
      var guards =
          new AgentGuards(
              circuits, drains, admission, limits, concurrency, rates, clock, resilience.recheck());
      // held-back nodes are delivered at once when what held them back goes away
      admission.onSlotFreed(guards::slotFreed);
      drains.onUndrain(guards::undrained);
      return new Guards(guards, admission, limits, drains, concurrency, rates);
    }
  }

  /** What start opened so far, so that a failed start closes exactly that. */
  private static final class Parts {
    Store store;
    Engine engine;
    EngineOptions engineOptions;
    AutoCloseable engineListener;
    AgentHealth health;
    OutboundHttp outbound;
    EventFeed feed;
    String adminKey;
    Path adminKeyFile;
    SecretVault secrets;
    final AtomicBoolean closing = new AtomicBoolean();
    final List<String> routes = Collections.synchronizedList(new ArrayList<>());

    void closeQuietly() {
      if (feed != null) {
        feed.close();
      }
      AispineServer.closeQuietly(health);
      AispineServer.closeQuietly(engineListener);
      AispineServer.closeQuietly(engine);
      AispineServer.closeQuietly(outbound);
      AispineServer.closeQuietly(store);
    }
  }
}
