package io.aispine.agents.runtime;

import io.aispine.agent.AgentResolver;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.builtin.HttpAgentProvider;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.store.AgentControls;
import io.aispine.store.AgentRegistry;
import io.aispine.store.ExecutionStore;
import io.aispine.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one agent runtime of a server and of a local run: the agents flows can call (built-ins, HTTP
 * agents named by URL, registered HTTP agents) behind the same guards — drains, flow concurrency,
 * circuit breakers, agent concurrency and rate limits, schema checks — so that a flow behaves the
 * same wherever it runs. {@link #resolver()} is what the engine calls; {@link #attach} connects the
 * guards to that engine.
 *
 * <pre>{@code
 * AgentRuntime agents = AgentRuntime.builder(store).agentAt("ocr", URI.create(url), secret).build();
 * DurableEngine engine = DurableEngine.create(store, agents.resolver(), options);
 * agents.attach(engine);
 * }</pre>
 */
public final class AgentRuntime implements AutoCloseable {

  private final AgentCatalog catalog;
  private final CircuitBreakers circuits;
  private final AgentGuards guards;
  private final FlowAdmission admission;
  private final AgentLimits limits;
  private final Drains drains;
  private final ConcurrencyLimits concurrency;
  private final RateLimits rates;
  private final AgentHealth health;
  private final DeferralMetrics deferrals;
  private volatile DurableEngine engine;

  private AgentRuntime(Builder b) throws InterruptedException {
    AgentResilience resilience = b.resilience;
    InstantSource clock = b.clock;
    ExecutionStore executions = b.store.executions();
    AgentControls controls = b.store.agentControls();
    BuiltinAgents builtins =
        b.builtins != null
            ? b.builtins
            : BuiltinAgents.load().with(new HttpAgentProvider(b.outbound));
    // the circuits report to the metrics, which read the circuits' states: tied after both exist
    var observer = new CircuitObserver();
    this.circuits =
        new CircuitBreakers(resilience.circuit(), clock.withZone(ZoneOffset.UTC), observer);
    if (b.meters != null) {
      observer.target = new AgentCallMetrics(b.meters, circuits::stateCode);
      this.deferrals = new DeferralMetrics(b.meters);
    } else {
      this.deferrals = null;
    }
    this.admission =
        new FlowAdmission(
            b.store.flows(), id -> engine == null ? executions.find(id) : engine.execution(id));
    admission.prime(executions.findActive());
    // the manifests' declared limits are read from the catalog, built after the guards it uses
    var catalogRef = new java.util.concurrent.atomic.AtomicReference<AgentCatalog>();
    LimitSource manifests =
        name ->
            Optional.ofNullable(catalogRef.get())
                .flatMap(c -> c.declaredLimits(name))
                .map(l -> new LimitSource.Declared(l.ratePerMinute(), l.maxConcurrency()));
    this.limits =
        new AgentLimits(controls, resilience, manifests, builtins.providers()::containsKey);
    this.drains = new Drains(controls);
    this.concurrency = new ConcurrencyLimits();
    // a restart must not grant a fresh bucket: the last minute's calls count against the first
    this.rates =
        new RateLimits(
            clock,
            controls.callsSince(clock.instant().minus(Duration.ofMinutes(1))),
            name -> limits.effective(name).ratePerMinute());
    this.guards =
        new AgentGuards(
            circuits, drains, admission, limits, concurrency, rates, clock, resilience.recheck());
    // held-back nodes are delivered at once when what held them back goes away
    admission.onSlotFreed(guards::slotFreed);
    drains.onUndrain(guards::undrained);
    this.catalog = new AgentCatalog(builtins, b.registry, guards, b.outbound);
    catalogRef.set(catalog);
    for (var named : b.urls.entrySet()) {
      catalog.name(
          UrlAgents.describe(
              named.getKey(),
              named.getValue().url(),
              named.getValue().secret(),
              b.outbound,
              clock.instant()));
    }
    this.health = new AgentHealth(catalog, circuits, resilience.slowThreshold(), clock);
  }

  /** A runtime over {@code store}'s flows, executions, limits and drains. */
  public static Builder builder(Store store) {
    return new Builder(store);
  }

  /** What the engine resolves agent references with: every agent, behind its guards. */
  public AgentResolver resolver() {
    return catalog;
  }

  /**
   * Connects the guards to {@code engine}, the one that calls {@link #resolver()}: nodes held back
   * are delivered through it when what held them is gone, calls that pass every guard end the wait
   * of their node, and its events keep flow admission, held nodes and deferral metrics current.
   *
   * @return the subscription to the engine's events, closed with the engine
   */
  public AutoCloseable attach(DurableEngine engine) {
    this.engine = engine;
    guards.held().deliverWith(engine::deliverNow);
    guards.admittedTo(
        call -> engine.callAdmitted(call.executionId(), call.nodePath(), call.attempt()));
    return engine.subscribe(
        event -> {
          admission.onEvent(event);
          guards.onEvent(event);
          if (deferrals != null) {
            deferrals.onEvent(event);
          }
        });
  }

  /** The agents and their versions. */
  public AgentCatalog catalog() {
    return catalog;
  }

  /** The circuit of every agent version. */
  public CircuitBreakers circuits() {
    return circuits;
  }

  /** The limits in force per agent. */
  public AgentLimits limits() {
    return limits;
  }

  /** The drained agents. */
  public Drains drains() {
    return drains;
  }

  /** The calls in flight per agent. */
  public ConcurrencyLimits concurrency() {
    return concurrency;
  }

  /** The rate limit buckets per agent. */
  public RateLimits rates() {
    return rates;
  }

  /** The health of every agent version; checked on demand, or periodically after {@code every}. */
  public AgentHealth health() {
    return health;
  }

  /** Stops the periodic health checks, if any. */
  @Override
  public void close() {
    health.close();
  }

  /** Forwards the circuits' observations to the metrics, once they exist. */
  private static final class CircuitObserver implements CircuitBreakers.CallObserver {
    volatile CircuitBreakers.CallObserver target = CircuitBreakers.CallObserver.NONE;

    @Override
    public void onCall(String agentKey, String outcome, Duration duration) {
      target.onCall(agentKey, outcome, duration);
    }

    @Override
    public void onError(String agentKey, String code) {
      target.onError(agentKey, code);
    }
  }

  private record Url(URI url, String secret) {}

  /** How to build an {@link AgentRuntime}; every setting has a default. */
  public static final class Builder {
    private final Store store;
    private AgentRegistry registry = new EmptyRegistry();
    private OutboundHttp outbound = OutboundHttp.forThisProcess();
    private BuiltinAgents builtins;
    private AgentResilience resilience;
    private InstantSource clock = InstantSource.system();
    private MeterRegistry meters;
    private final Map<String, Url> urls = new LinkedHashMap<>();

    private Builder(Store store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The registered HTTP agents (a server's store); none by default. */
    public Builder registry(AgentRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The client (and outbound policy) HTTP agents, the {@code http} built-in, manifests and health
     * checks go through; {@link OutboundHttp#forThisProcess()} by default. Not closed by the
     * runtime.
     */
    public Builder outbound(OutboundHttp outbound) {
      this.outbound = Objects.requireNonNull(outbound, "outbound");
      return this;
    }

    /**
     * The built-in agents; by default those on the class path, with the {@code http} agent sending
     * through {@link #outbound}.
     */
    public Builder builtins(BuiltinAgents builtins) {
      this.builtins = builtins;
      return this;
    }

    /**
     * Circuit, limits and health settings; {@link AgentResilience#fromEnvironment()} by default.
     */
    public Builder resilience(AgentResilience resilience) {
      this.resilience = resilience;
      return this;
    }

    /** The clock of circuits, limits and health checks (tests pass one they move). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where agent call and deferral metrics are recorded ({@code aispine_agent_*}, {@code
     * aispine_node_deferrals_total}, {@code aispine_nodes_waiting}); none by default.
     */
    public Builder meters(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    /**
     * An HTTP agent flows reach as {@code name} (whatever range they write), described by the
     * manifest it serves at {@code url/manifest} when it serves one, and signed with {@code secret}
     * (null: unsigned).
     */
    public Builder agentAt(String name, URI url, String secret) {
      urls.put(Objects.requireNonNull(name, "name"), new Url(url, secret));
      return this;
    }

    /**
     * The runtime; fetches the manifests of the agents named by URL.
     *
     * @throws IllegalArgumentException when such an agent has a built-in's name or serves a
     *     manifest that breaks the manifest rules
     */
    public AgentRuntime build() throws InterruptedException {
      if (resilience == null) {
        resilience = AgentResilience.fromEnvironment();
      }
      return new AgentRuntime(this);
    }
  }
}
