package io.aispine.server;

import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.builtin.HttpAgentProvider;
import io.aispine.agents.channel.whatsapp.WhatsAppAgentProvider;
import io.aispine.agents.channel.whatsapp.WhatsAppChannel;
import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.agents.runtime.AgentResilience;
import io.aispine.agents.runtime.AgentRuntime;
import io.aispine.api.Problem;
import io.aispine.engine.Engine;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.RunRefusedException;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.llm.BudgetGuard;
import io.aispine.llm.ChatClients;
import io.aispine.llm.LlmAgent;
import io.aispine.llm.LlmAgentProvider;
import io.aispine.llm.LlmObserver;
import io.aispine.llm.PriceTable;
import io.aispine.mcp.McpAgent;
import io.aispine.mcp.McpAgentProvider;
import io.aispine.mcp.McpServerCatalog;
import io.aispine.mcp.McpSessions;
import io.aispine.secret.SecretAgents;
import io.aispine.server.internal.agents.AgentControlRoutes;
import io.aispine.server.internal.agents.AgentRoutes;
import io.aispine.server.internal.agents.AgentScope;
import io.aispine.server.internal.approvals.ApprovalRoutes;
import io.aispine.server.internal.audit.AuditRoutes;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.auth.AdminKeyBootstrap;
import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.auth.KeyRoutes;
import io.aispine.server.internal.auth.RouteGuard;
import io.aispine.server.internal.channels.ConversationInbox;
import io.aispine.server.internal.channels.WhatsAppVaultCredentials;
import io.aispine.server.internal.channels.WhatsAppWebhookRoutes;
import io.aispine.server.internal.console.ConsoleFiles;
import io.aispine.server.internal.events.EventFeed;
import io.aispine.server.internal.events.OutputDelta;
import io.aispine.server.internal.events.StreamRoutes;
import io.aispine.server.internal.executions.ExecutionRoutes;
import io.aispine.server.internal.flows.FlowRoutes;
import io.aispine.server.internal.flows.ReviewPolicy;
import io.aispine.server.internal.gate.GateProblems;
import io.aispine.server.internal.gate.PanicRoutes;
import io.aispine.server.internal.gate.PanicSwitch;
import io.aispine.server.internal.gate.ServerRunGate;
import io.aispine.server.internal.http.ErrorMapping;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.ProblemErrorHandler;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.server.internal.http.RequestLogContext;
import io.aispine.server.internal.llm.CostRoutes;
import io.aispine.server.internal.llm.LlmMetrics;
import io.aispine.server.internal.llm.ProviderRoutes;
import io.aispine.server.internal.mcp.McpBackend;
import io.aispine.server.internal.mcp.McpEndpoint;
import io.aispine.server.internal.mcp.McpRoutes;
import io.aispine.server.internal.ops.ExecutionLog;
import io.aispine.server.internal.ops.OpenApiDocument;
import io.aispine.server.internal.ops.OpsRoutes;
import io.aispine.server.internal.ops.ServerMetrics;
import io.aispine.server.internal.secrets.ProviderKeyVault;
import io.aispine.server.internal.secrets.SecretRoutes;
import io.aispine.server.internal.secrets.SigningSecretRegistry;
import io.aispine.server.internal.triggers.EventTriggers;
import io.aispine.server.internal.triggers.ScheduleRunner;
import io.aispine.server.internal.triggers.TriggerCatalog;
import io.aispine.server.internal.triggers.TriggerRoutes;
import io.aispine.server.internal.triggers.TriggerStarts;
import io.aispine.server.internal.triggers.WebhookTriggerRoutes;
import io.aispine.server.internal.webhooks.WebhookDispatcher;
import io.aispine.server.internal.webhooks.WebhookRoutes;
import io.aispine.server.internal.webhooks.WebhookSecrets;
import io.aispine.server.internal.workspaces.WorkspaceAgents;
import io.aispine.server.internal.workspaces.WorkspaceQuotas;
import io.aispine.server.internal.workspaces.WorkspaceRoutes;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.ModelCalls;
import io.aispine.store.ModelProviders;
import io.aispine.store.Store;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import io.aispine.store.jdbc.JdbcStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
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
  private final AutoCloseable agentsListener;
  private final AgentRuntime agents;
  private final OutboundHttp outbound;
  private final McpSessions mcpSessions;
  private final EventFeed feed;
  private final WebhookDispatcher webhooks;
  private final Javalin app;
  private final AtomicBoolean closing;
  private final String adminKey;
  private final Path adminKeyFile;
  private final List<String> routes;
  private final Duration shutdownGrace;
  private final ServerMetrics metrics;
  private final String consoleUrl;
  private final McpEndpoint mcp;
  private final ScheduleRunner schedules;
  private final EventTriggers eventTriggers;
  private final AutoCloseable eventTriggersListener;

  private AispineServer(Parts parts, Javalin app) {
    this.store = parts.store;
    this.engine = parts.engine;
    this.engineListener = parts.engineListener;
    this.agentsListener = parts.agentsListener;
    this.agents = parts.agents;
    this.outbound = parts.outbound;
    this.mcpSessions = parts.mcpSessions;
    this.feed = parts.feed;
    this.webhooks = parts.webhooks;
    this.app = app;
    this.closing = parts.closing;
    this.adminKey = parts.adminKey;
    this.adminKeyFile = parts.adminKeyFile;
    this.routes = Collections.unmodifiableList(parts.routes);
    this.shutdownGrace = parts.engineOptions.shutdownGrace();
    this.metrics = parts.metrics;
    this.consoleUrl =
        parts.console == null ? null : ConsoleFiles.url(parts.consoleHost, app.port());
    this.mcp = parts.mcp;
    this.schedules = parts.schedules;
    this.eventTriggers = parts.eventTriggers;
    this.eventTriggersListener = parts.eventTriggersListener;
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
      // providers' API keys are kept encrypted; plaintext ones from older stores move there now
      parts.providers = ProviderKeyVault.migrating(parts.store.modelProviders(), parts.secrets);
      var metrics = new ServerMetrics();
      parts.metrics = metrics;
      AgentResilience resilience = config.resilience();
      // The server's own port, once known (0 asks for a free one, known only when listening).
      var ownPort = new AtomicInteger(config.port());
      parts.outbound =
          new OutboundHttp(
              OutboundPolicy.forServer(config.host(), ownPort::get, config.outboundAllow()));
      WhatsAppConfig whatsApp = config.whatsApp();
      // the token and the app secret may name vault secrets, read at each use
      parts.whatsApp =
          whatsApp.configured()
              ? new WhatsAppChannel(whatsApp, WhatsAppVaultCredentials.of(whatsApp, parts.secrets))
              : null;
      // sessions with the workspaces' MCP servers, opened on first use, closed with the server
      parts.mcpSessions = new McpSessions(parts.secrets::valueIn, clock);
      parts.agents = agents(parts, resilience, clock, metrics);
      AgentRuntime agents = parts.agents;
      agents.health().every(resilience.healthInterval());
      // The gate: every new execution the engine starts (API, retry, replay, subflow, and later
      // schedules and MCP) must be of an approved version, and none while panic mode is on.
      parts.panic = new PanicSwitch(parts.store.panic(), clock);
      parts.engineOptions =
          EngineOptions.fromEnvironment()
              .withClock(clock)
              .withRunGate(
                  new ServerRunGate(parts.store.flows(), parts.panic, parts.store.workspaces()));
      // agents get secret values in their calls only; what they answer is redacted before storing
      DurableEngine engine =
          DurableEngine.create(
              parts.store,
              // an execution reaches its own workspace's agents only, and is refused before any
              // secret is put into the call
              new WorkspaceAgents(
                  new SecretAgents(agents.resolver(), parts.secrets), parts.store.workspaces()),
              parts.engineOptions);
      parts.engine = engine;
      parts.agentsListener = agents.attach(engine);
      if (parts.whatsApp != null) {
        parts.inbox =
            new ConversationInbox(
                parts.whatsApp,
                parts.store.conversations(),
                parts.store.flows(),
                parts.store.approvals(),
                engine,
                whatsApp.flow(),
                clock);
        parts.inbox.recover();
      }
      parts.feed = new EventFeed(parts.store.executions());
      EventFeed feed = parts.feed;
      parts.webhookSecrets = new WebhookSecrets(parts.secrets);
      parts.webhooks =
          WebhookDispatcher.start(
              parts.store.webhooks(),
              parts.outbound,
              parts.webhookSecrets,
              parts.store.audit(),
              clock);
      WebhookDispatcher webhooks = parts.webhooks;
      var executionLog = new ExecutionLog(engine::execution);
      parts.engineListener =
          parts.engine.subscribe(
              event -> {
                metrics.onEvent(event);
                executionLog.onEvent(event);
                feed.wake();
                webhooks.wake();
              });
      // triggers: schedules fire from the runner, event triggers from the engine's commits
      parts.triggers =
          new TriggerCatalog(
              parts.store.flows(), parts.store.workspaces(), parts.store.triggers(), clock);
      parts.triggerStarts = new TriggerStarts(engine);
      parts.eventTriggers =
          new EventTriggers(parts.triggers, parts.triggerStarts, engine, parts.store.workspaces());
      parts.eventTriggersListener = engine.subscribe(parts.eventTriggers);
      parts.schedules =
          new ScheduleRunner(
              parts.triggers,
              parts.triggerStarts,
              engine,
              clock,
              ScheduleRunner.Settings.fromEnvironment());
      var controls =
          new AgentControlRoutes(
              agents.catalog(),
              agents.limits(),
              agents.drains(),
              agents.concurrency(),
              agents.rates(),
              parts.store.agentControls(),
              clock);
      // the web console, when the aispine-ui jar is on the class path (the distribution has it)
      parts.console = ConsoleFiles.onClassPath().orElse(null);
      parts.consoleHost = config.host();
      Javalin app =
          Javalin.create(c -> configure(c, config, parts, agents, metrics, clock, controls))
              .start();
      ownPort.set(app.port());
      parts.schedules.start();
      var server = new AispineServer(parts, app);
      // The new admin key (if any) is handed to the caller through adminKeyCreated(); a library
      // must not print secrets, the `aispine server` command shows it once to its operator.
      log.info(
          "AI Spine server listening on http://{}:{}, store: {}",
          config.host(),
          app.port(),
          describeStore(config));
      log.info(
          "web console: {}",
          server.consoleUrl == null
              ? "not on the class path (the aispine-ui jar), only the API is served"
              : server.consoleUrl);
      log.info("outbound requests: {}", parts.outbound.policy());
      log.info(
          "WhatsApp: {}",
          parts.whatsApp == null
              ? "not configured (AISPINE_WHATSAPP_*)"
              : "webhook at " + WhatsAppWebhookRoutes.PATH + ", " + whatsApp);
      return server;
    } catch (RuntimeException e) {
      parts.closeQuietly();
      throw e;
    }
  }

  /** The agents and their guards, exactly those of a local run, over the server's store. */
  private static AgentRuntime agents(
      Parts parts, AgentResilience resilience, InstantSource clock, ServerMetrics metrics) {
    try {
      // one set of built-ins: a second builtins(...) call would replace this one and lose the
      // whatsapp agent that talks through the server's own channel
      BuiltinAgents builtins =
          BuiltinAgents.load()
              .with(new HttpAgentProvider(parts.outbound))
              .with(new LlmAgentProvider(llmAgent(parts, clock, metrics)))
              .with(new McpAgentProvider(mcpAgent(parts)));
      if (parts.whatsApp != null) {
        builtins = builtins.with(new WhatsAppAgentProvider(parts.whatsApp));
      }
      return AgentRuntime.builder(parts.store)
          .builtins(builtins)
          // signing secrets are kept encrypted; plaintext ones from older stores move there now
          .registry(SigningSecretRegistry.migrating(parts.store.agents(), parts.secrets))
          .outbound(parts.outbound)
          .resilience(resilience)
          .clock(clock)
          .meters(metrics.registry())
          .build();
    } catch (InterruptedException e) {
      // only agents named by URL are fetched while building, and a server names none
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the server", e);
    }
  }

  /** The mcp agent over the MCP servers of the execution's workspace. */
  private static McpAgent mcpAgent(Parts parts) {
    var workspaces = parts.store.workspaces();
    return new McpAgent(
        parts.store.mcpServers(),
        id -> workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, id).orElse(Workspace.DEFAULT),
        parts.mcpSessions);
  }

  /**
   * The llm agent over the server's providers, ledger and budgets, counted in the metrics; its
   * streamed output goes to the clients following the execution, once the event feed exists.
   */
  private static LlmAgent llmAgent(Parts parts, InstantSource clock, ServerMetrics metrics) {
    Store store = parts.store;
    var counters = new LlmMetrics(metrics.registry());
    LlmObserver observer =
        new LlmObserver() {
          @Override
          public void onCall(ModelCalls.Call call) {
            counters.onCall(call);
          }

          @Override
          public void onDelta(String executionId, String nodePath, int attempt, String text) {
            EventFeed feed = parts.feed;
            if (feed != null) {
              feed.publish(new OutputDelta(executionId, nodePath, attempt, text));
            }
          }

          @Override
          public boolean wantsDeltas() {
            return true;
          }
        };
    var budgets =
        new BudgetGuard(
            store.modelBudgets(),
            store.modelCalls(),
            clock,
            (budget, spent) ->
                log.warn(
                    "model budget at {} %: {} {} spent ${} of ${}",
                    Math.round(100 * spent / budget.limitUsd()),
                    budget.workspaceWide() ? "workspace" : "flow " + budget.flowId(),
                    budget.period().name().toLowerCase(Locale.ROOT),
                    String.format(Locale.ROOT, "%.4f", spent),
                    budget.limitUsd()));
    return new LlmAgent(
        parts.providers,
        store.modelCalls(),
        budgets,
        PriceTable.fromEnvironment(),
        clock,
        observer,
        ChatClients::of);
  }

  private static void configure(
      JavalinConfig config,
      ServerConfig server,
      Parts parts,
      AgentRuntime agents,
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
          if (!method.startsWith("BEFORE") && !method.startsWith("AFTER")) {
            parts.routes.add(method + " " + meta.getPath());
          }
        });

    ErrorMapping.register(config);
    if (parts.console != null) {
      parts.console.register(config);
    }
    var routes = config.routes;
    routes.before(RequestLogContext::set);
    var auth = new BearerAuth(parts.store.apiKeys(), clock);
    var workspaces = parts.store.workspaces();
    var quotas = new WorkspaceQuotas(workspaces, clock);
    parts.secrets.workspaceOf(
        id -> workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, id).orElse(Workspace.DEFAULT));
    var panicRoutes = new PanicRoutes(parts.panic);
    var audit = new AuditTrail(parts.store.audit(), clock);
    routes.before(
        "/api/v1/*",
        ctx -> {
          audit.begin(ctx);
          if (parts.closing.get()) {
            throw new ProblemException(Problem.unavailable("the server is shutting down"));
          }
          auth.handle(ctx);
          panicRoutes.refuseMutationInPanic(ctx);
        });
    // once the route is known: the role it needs, the key's call rate, the agent's workspace
    routes.beforeMatched("/api/v1/*", new RouteGuard(quotas));
    routes.beforeMatched("/api/v1/agents/*", new AgentScope(workspaces, agents.catalog()::exists));
    routes.exception(
        RunRefusedException.class,
        (e, ctx) -> Json.problem(ctx, GateProblems.of(e.refusal()).at(ctx.path())));
    routes.after(RequestBodies::finish);
    routes.after("/api/v1/*", audit::finish);
    new AuditRoutes(parts.store.audit()).register(routes);
    // MCP at /mcp: its own servlet in the same Jetty, behind the same keys, roles and workspaces
    parts.mcp =
        McpEndpoint.create(
            new McpBackend(
                parts.engine,
                parts.store.flows(),
                workspaces,
                quotas,
                parts.panic,
                parts.store.audit(),
                clock,
                version()),
            auth,
            parts.closing::get);
    config.jetty.modifyServletContextHandler(parts.mcp::install);
    routes.after(RequestLogContext::clear);
    var policy = new ReviewPolicy(server.selfApprovalAllowed());
    log.info(
        "flow versions deploy as drafts; approval: {} ({}={})",
        policy.describe(),
        FlowApproval.ENV,
        server.flowApproval().wireName());
    new FlowRoutes(parts.store.flows(), workspaces, agents.catalog()::exists, clock, policy)
        .register(routes);
    panicRoutes.register(routes);
    new ExecutionRoutes(
            parts.engine, parts.store.flows(), parts.store.executions(), workspaces, quotas)
        .register(routes);
    new StreamRoutes(
            parts.engine, parts.store.executions(), parts.feed, KEEP_ALIVE.toMillis(), workspaces)
        .register(routes);
    new AgentRoutes(
            agents.catalog(),
            agents.health(),
            agents.circuits(),
            clock,
            controls,
            workspaces,
            quotas)
        .register(routes);
    controls.register(routes);
    new ApprovalRoutes(parts.engine, parts.store.approvals(), workspaces).register(routes);
    new KeyRoutes(parts.store.apiKeys(), workspaces, clock).register(routes);
    new WorkspaceRoutes(workspaces, quotas).register(routes);
    new SecretRoutes(parts.secrets, parts.store.secrets()).register(routes);
    new ProviderRoutes(parts.providers, clock).register(routes);
    new WebhookRoutes(
            parts.store.webhooks(),
            parts.webhookSecrets,
            parts.outbound.policy(),
            parts.webhooks,
            clock)
        .register(routes);
    new McpRoutes(
            new McpServerCatalog(
                parts.store.mcpServers(), parts.mcpSessions, parts.outbound.policy()),
            parts.store.mcpServers(),
            parts.mcpSessions,
            clock)
        .register(routes);
    new CostRoutes(parts.store.modelCalls(), parts.store.modelBudgets(), clock).register(routes);
    new TriggerRoutes(parts.triggers, clock).register(routes);
    new WebhookTriggerRoutes(
            parts.triggers, parts.triggerStarts, parts.secrets, clock, parts.closing::get)
        .register(routes);
    new WhatsAppWebhookRoutes(
            parts.whatsApp, server.whatsApp().verifyToken(), parts.inbox, parts.closing::get)
        .register(routes);
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

  /** The store, for the log: the SQLite file, or the database URL without credentials. */
  static String describeStore(ServerConfig config) {
    if (config.dbUrl() == null) {
      return "SQLite "
          + config.effectiveDataDir().toAbsolutePath().normalize().resolve(JdbcStore.DATABASE_FILE);
    }
    String url = config.dbUrl();
    int query = url.indexOf('?');
    String bare = query < 0 ? url : url.substring(0, query);
    // jdbc:postgresql://user:password@host/db: keep what follows the user info
    return bare.replaceFirst("//[^/@]*@", "//") + (query < 0 ? "" : " (parameters not shown)");
  }

  private static String version() {
    String version = AispineServer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return app.port();
  }

  /**
   * The web console's URL, or empty when the {@code aispine-ui} jar is not on the class path and
   * only the API is served.
   */
  public Optional<String> consoleUrl() {
    return Optional.ofNullable(consoleUrl);
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
    long started = System.nanoTime();
    int running = metrics.attemptsRunning();
    log.info(
        "shutting down: new requests get 503; {} node attempts running get up to {} s to finish",
        running,
        shutdownGrace.toSeconds());
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
    log.info(
        "stopped in {} ms; {} node attempts did not finish and resume on the next start",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        metrics.attemptsRunning());
  }

  private void closeInOrder() {
    try {
      // no new fires: a schedule due now fires on the next start, from its stored next fire
      schedules.close();
      closeQuietly(eventTriggersListener);
      eventTriggers.close();
      agents.close();
      feed.close();
      closeQuietly(mcp);
      app.stop();
    } finally {
      closeQuietly(engineListener);
      closeQuietly(agentsListener);
      try {
        engine.close();
      } finally {
        // after the engine: its attempts may still be calling tools
        closeQuietly(mcpSessions);
        // after the engine: attempts in their grace period may still be sending
        // after the engine, whose last commits may have queued deliveries; before the client
        closeQuietly(webhooks);
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

  /** What start opened so far, so that a failed start closes exactly that. */
  private static final class Parts {
    Store store;
    ServerMetrics metrics;
    Engine engine;
    EngineOptions engineOptions;
    AutoCloseable engineListener;
    AutoCloseable agentsListener;
    AgentRuntime agents;
    WhatsAppChannel whatsApp;
    ConversationInbox inbox;
    OutboundHttp outbound;
    WebhookDispatcher webhooks;
    WebhookSecrets webhookSecrets;
    McpSessions mcpSessions;
    volatile EventFeed feed; // read by the llm agent's threads, which may start before it is set
    PanicSwitch panic;
    ConsoleFiles console;
    String consoleHost;
    McpEndpoint mcp;
    String adminKey;
    Path adminKeyFile;
    SecretVault secrets;
    ModelProviders providers;
    TriggerCatalog triggers;
    TriggerStarts triggerStarts;
    EventTriggers eventTriggers;
    AutoCloseable eventTriggersListener;
    ScheduleRunner schedules;
    final AtomicBoolean closing = new AtomicBoolean();
    final List<String> routes = Collections.synchronizedList(new ArrayList<>());

    void closeQuietly() {
      if (feed != null) {
        feed.close();
      }
      AispineServer.closeQuietly(schedules);
      AispineServer.closeQuietly(eventTriggersListener);
      AispineServer.closeQuietly(eventTriggers);
      AispineServer.closeQuietly(agents);
      AispineServer.closeQuietly(engineListener);
      AispineServer.closeQuietly(agentsListener);
      AispineServer.closeQuietly(engine);
      AispineServer.closeQuietly(webhooks);
      AispineServer.closeQuietly(mcpSessions);
      AispineServer.closeQuietly(outbound);
      AispineServer.closeQuietly(store);
    }
  }
}
