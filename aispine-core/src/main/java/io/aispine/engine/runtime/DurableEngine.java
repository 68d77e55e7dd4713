package io.aispine.engine.runtime;

import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.agent.AgentResolver;
import io.aispine.engine.CommitStats;
import io.aispine.engine.Engine;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.PayloadLimit;
import io.aispine.engine.ReplayRequest;
import io.aispine.engine.RunGate;
import io.aispine.engine.decider.Decider;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.engine.decider.InputValidator;
import io.aispine.engine.runtime.internal.CommitEffects;
import io.aispine.engine.runtime.internal.CommitOutcome;
import io.aispine.engine.runtime.internal.Committer;
import io.aispine.engine.runtime.internal.FlowGraphs;
import io.aispine.engine.runtime.internal.Recovery;
import io.aispine.engine.runtime.internal.SubflowAgent;
import io.aispine.engine.runtime.internal.Timers;
import io.aispine.engine.runtime.internal.Workers;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.flow.ForeachNode;
import io.aispine.flow.ForkNode;
import io.aispine.flow.LoopNode;
import io.aispine.flow.Node;
import io.aispine.flow.TaskNode;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditScope;
import io.aispine.store.Store;
import io.aispine.store.StoreException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one process: a committer thread that decides and group-commits facts, virtual
 * threads that run agent attempts, and a timer thread for retries and waits. Everything it acts on
 * is committed first, so a killed process resumes where it was on the next {@link #create}.
 */
public final class DurableEngine implements Engine {

  private static final Logger log = LoggerFactory.getLogger(DurableEngine.class);

  /** How long closing waits for the committer after the workers' grace period. */
  private static final Duration COMMITTER_PATIENCE = Duration.ofSeconds(5);

  /** How often an API call is submitted again when other executions' commits keep failing. */
  private static final int SUPERSEDED_TRIES = 5;

  private final Store store;
  private final AgentResolver agents;
  private final EngineOptions options;
  private final FlowGraphs graphs;
  private final Committer committer;
  private final Workers workers;
  private final Timers timers;
  private final CommitEffects effects;
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<ExecutionState>> finished = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private DurableEngine(Store store, AgentResolver agents, EngineOptions given) {
    this.store = store;
    this.agents = agents;
    // facts carry microseconds, the precision the stores keep, so that a state reloaded from the
    // store equals the one held in memory
    InstantSource clock = () -> given.clock().instant().truncatedTo(ChronoUnit.MICROS);
    this.options = given.withClock(clock);
    this.graphs = new FlowGraphs(store.flows());
    this.timers = new Timers(options.clock());
    var subflows = new SubflowAgent(new SubflowHost(), store.flows(), options.runGate());
    AgentResolver withSubflows =
        reference ->
            Decider.SUBFLOW_AGENT.equals(reference)
                ? Optional.of(subflows)
                : agents.resolve(reference);
    this.workers =
        new Workers(
            this::submitAndWait,
            withSubflows,
            options.clock(),
            options.workerName(),
            options.maxNodePayload());
    this.effects =
        new CommitEffects(timers, workers, this::submitAsync, options.clock(), listeners, finished);
    this.committer =
        new Committer(
            store.executions(),
            graphs,
            options.random(),
            options.maxBatch(),
            options.maxNodePayload(),
            options.clock(),
            effects);
  }

  /**
   * Creates and starts an engine on a store, resuming every unfinished execution in it.
   *
   * @param agents resolves the agents nodes reference
   */
  public static DurableEngine create(Store store, AgentResolver agents, EngineOptions options) {
    var engine = new DurableEngine(store, agents, options);
    engine.committer.start();
    engine.timers.start();
    new Recovery(store.executions(), engine.committer, engine.effects, options.clock()).resume();
    engine.cancelOrphans();
    return engine;
  }

  @Override
  public String start(Flow flow, Map<String, Object> inputs) {
    AuditLog.Pending audit = AuditScope.take(); // before anything else can write and take it
    ensureOpen();
    options.runGate().check(flow.id(), flow.version().text(), RunGate.RunKind.START);
    String id = newId();
    start(flow, inputs, id, null, audit);
    return id;
  }

  @Override
  public boolean startOnce(Flow flow, Map<String, Object> inputs, String executionId) {
    if (!executionId.startsWith("ex_")) {
      throw new IllegalArgumentException("execution ids start with ex_, got " + executionId);
    }
    AuditLog.Pending audit = AuditScope.take();
    ensureOpen();
    if (execution(executionId).isPresent()) {
      return false;
    }
    options.runGate().check(flow.id(), flow.version().text(), RunGate.RunKind.START);
    start(flow, inputs, executionId, null, audit);
    return true;
  }

  private void start(
      Flow flow,
      Map<String, Object> inputs,
      String id,
      ExecutionState.ParentLink parent,
      AuditLog.Pending audit) {
    ensureOpen();
    Map<String, Object> validated = InputValidator.validate(flow, inputs);
    requireInputsFit(flow.ref(), validated);
    var now = options.clock().instant();
    graphs.register(flow, now);
    var initial =
        new ExecutionState(
            id,
            flow.id(),
            flow.version().text(),
            ExecutionStatus.RUNNING,
            validated,
            Map.of(),
            Map.of(),
            null,
            now,
            null,
            0,
            parent,
            null,
            pins(flow));
    commitStart(initial, audit);
  }

  /**
   * Commits the start of a new execution. A start that could not be applied or stored as it was has
   * been stored as a failed execution instead (its error says why), which is what the caller then
   * gets: an execution that started and failed.
   */
  private void commitStart(ExecutionState initial, AuditLog.Pending audit) {
    var started = new Fact.ExecutionStarted(initial.id(), initial.createdAt());
    try {
      commit(() -> committer.submitNew(initial, started, audit));
    } catch (NoSuchElementException e) {
      if (execution(initial.id()).isEmpty()) {
        throw new StoreException(
            "execution " + initial.id() + " could not be stored: " + e.getMessage(), e);
      }
    }
  }

  /** Refuses execution inputs that would weigh more than a node's payload may. */
  private void requireInputsFit(String flowRef, Map<String, Object> inputs) {
    options
        .maxNodePayload()
        .check(inputs, PayloadLimit.Kind.EXECUTION_INPUTS, "the inputs")
        .ifPresent(
            error -> {
              throw new InvalidInputsException(flowRef, List.of(error.message()));
            });
  }

  /** What subflow nodes need of this engine: child executions started and awaited by id. */
  private final class SubflowHost implements SubflowAgent.Host {

    @Override
    public Optional<ExecutionState> execution(String id) {
      return DurableEngine.this.execution(id);
    }

    @Override
    public void startChild(
        Flow flow, Map<String, Object> inputs, String id, ExecutionState.ParentLink link) {
      if (execution(id).isEmpty()) { // a redelivered attempt finds the child it started
        start(flow, inputs, id, link, null);
      }
    }

    @Override
    public ExecutionState awaitEnd(String id) throws InterruptedException {
      while (true) {
        try {
          return await(id, Duration.ofDays(1));
        } catch (TimeoutException e) {
          // still running: keep waiting, the node's own timeout (if any) interrupts this thread
        }
      }
    }

    @Override
    public void cancel(String id, String reason) {
      if (!closed) {
        DurableEngine.this.cancel(id, reason);
      }
    }

    @Override
    public boolean closing() {
      return closed;
    }
  }

  /**
   * Each task node's agent reference pinned to the version it resolves to now, so that a version
   * registered while the execution runs does not change what it calls. Resolved here, by the
   * runtime, because the decider must stay pure.
   */
  private Map<String, String> pins(Flow flow) {
    Map<String, String> pins = new LinkedHashMap<>();
    pinAll(flow.nodes(), pins);
    return pins;
  }

  /** Pins the task nodes of {@code nodes} and of the bodies of loops, foreach and forks. */
  private void pinAll(List<Node> nodes, Map<String, String> pins) {
    for (Node node : nodes) {
      switch (node) {
        case TaskNode task -> {
          if (!pins.containsKey(task.agent())) {
            agents.pin(task.agent()).ifPresent(pin -> pins.put(task.agent(), pin));
          }
        }
        case LoopNode loop -> pinAll(loop.body(), pins);
        case ForeachNode foreach -> pinAll(foreach.body(), pins);
        case ForkNode fork -> fork.branches().values().forEach(branch -> pinAll(branch, pins));
        default -> {} // decisions, waits and subflows call no agent (a child pins its own)
      }
    }
  }

  @Override
  public String replay(String originId, ReplayRequest request) {
    AuditLog.Pending audit = AuditScope.take();
    ensureOpen();
    ExecutionState origin =
        execution(originId)
            .orElseThrow(() -> new NoSuchElementException("no execution " + originId));
    options.runGate().check(origin.flowId(), origin.flowVersion(), RunGate.RunKind.REPLAY);
    var graph = graphs.get(origin.flowId(), origin.flowVersion());
    String id = newId();
    ExecutionState initial =
        Decider.planReplay(graph, origin, request, id, options.clock().instant());
    requireInputsFit(origin.flowId() + "@" + origin.flowVersion(), initial.inputs());
    commitStart(initial, audit);
    return id;
  }

  @Override
  public void cancel(String executionId, String reason) {
    AuditLog.Pending audit = AuditScope.take();
    ensureOpen();
    var fact = new Fact.CancelRequested(executionId, options.clock().instant(), reason);
    Decision decision = commit(() -> committer.submit(fact, audit));
    if (decision.isRejected()) {
      log.debug("cancel of {} changed nothing: {}", executionId, decision.rejection());
    }
  }

  @Override
  public boolean retry(String executionId) {
    AuditLog.Pending audit = AuditScope.take();
    ensureOpen();
    execution(executionId)
        .ifPresent(
            state ->
                options
                    .runGate()
                    .check(state.flowId(), state.flowVersion(), RunGate.RunKind.RETRY));
    var fact = new Fact.RetryRequested(executionId, options.clock().instant());
    Decision decision = commit(() -> committer.submit(fact, audit));
    if (decision.isRejected()) {
      log.debug("retry of {} changed nothing: {}", executionId, decision.rejection());
      return false;
    }
    return true;
  }

  @Override
  public boolean answerApproval(
      String approvalId, boolean approved, String comment, String by, String byKey) {
    AuditLog.Pending audit = AuditScope.take();
    ensureOpen();
    var approval =
        store
            .approvals()
            .find(approvalId)
            .orElseThrow(() -> new NoSuchElementException("no approval " + approvalId));
    if (approval.status().terminal()) {
      return false;
    }
    var fact =
        new Fact.ApprovalAnswered(
            approval.executionId(),
            approval.nodePath(),
            approvalId,
            approved,
            comment,
            by,
            byKey,
            options.clock().instant());
    Decision decision = commit(() -> committer.submit(fact, audit));
    if (decision.isRejected()) {
      log.debug("answer to {} changed nothing: {}", approvalId, decision.rejection());
      return false;
    }
    return true;
  }

  @Override
  public Optional<ExecutionState> execution(String executionId) {
    Optional<ExecutionState> cached = committer.cached(executionId);
    return cached.isPresent() ? cached : store.executions().find(executionId);
  }

  @Override
  public ExecutionState await(String executionId, Duration timeout)
      throws InterruptedException, TimeoutException {
    var done = finished.computeIfAbsent(executionId, id -> new CompletableFuture<>());
    // registered before reading: a commit after this read completes the future
    ExecutionState now =
        execution(executionId)
            .orElseThrow(() -> new NoSuchElementException("no execution " + executionId));
    if (now.status().terminal()) {
      return now;
    }
    try {
      return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "execution "
              + executionId
              + " is still "
              + now.status().wireName()
              + " after "
              + timeout);
    }
  }

  @Override
  public List<ExecutionEvent> events(String executionId, long afterSeq, int limit) {
    return store.executions().events(executionId, afterSeq, limit);
  }

  @Override
  public List<NodeRun> runs(String executionId) {
    return store.executions().runs(executionId);
  }

  @Override
  public AutoCloseable subscribe(EventListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Cancels the children whose parent ended while they ran: a parent cancelled just before a crash
   * had no chance to interrupt the attempt that would have cancelled them.
   */
  private void cancelOrphans() {
    for (ExecutionState active : store.executions().findActive()) {
      ExecutionState.ParentLink parent = active.parent();
      if (parent == null) {
        continue;
      }
      boolean orphan = execution(parent.execution()).map(p -> p.status().terminal()).orElse(true);
      if (orphan) {
        log.info("cancelling {}: its parent {} has ended", active.id(), parent.execution());
        cancel(active.id(), "its parent " + parent.execution() + " has ended");
      }
    }
  }

  /**
   * Delivers a node's deferred attempt now rather than at the time its guard gave, for a guard that
   * learns that the reason it held the node back is gone (an agent undrained, a slot freed). Only a
   * delivery is brought forward, never a retry back-off or a wait; a node not waiting is not
   * affected beyond its next deferral being delivered at once.
   */
  public void deliverNow(String executionId, String path) {
    effects.hurry(executionId, path);
  }

  /**
   * Tells the engine that a guard let the call of a node attempt through to its agent. When a guard
   * held that node back before, its wait ends in its history now ({@code node.started}, see {@link
   * Fact.NodeResumed}); for any other call nothing happens. Does not wait for the commit.
   */
  public void callAdmitted(String executionId, String path, int attempt) {
    committer
        .cached(executionId)
        .map(state -> state.nodes().get(path))
        .filter(
            node ->
                node.status() == NodeStatus.RUNNING
                    && node.attempt() == attempt
                    && node.reason() != null)
        .ifPresent(
            node ->
                committer.submit(
                    new Fact.NodeResumed(executionId, path, attempt, options.clock().instant())));
  }

  /** How many facts were rejected as stale or duplicate since this engine started. */
  public long rejectedFacts() {
    return committer.rejectedCount();
  }

  /** What the committer has written so far: batches, facts and time in the store. */
  public CommitStats commitStats() {
    return committer.stats();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      timers.stop();
      workers.close(options.shutdownGrace());
      committer.stop(COMMITTER_PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finished.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
  }

  /**
   * Submits a fact from a worker or timer and waits for its commit, submitting it again while the
   * store fails or the batch it was decided in was superseded; empty when the engine is closing or
   * the execution is gone (another fact owns its outcome then).
   */
  Optional<Decision> submitAndWait(Fact fact) {
    long backoff = 50;
    while (true) {
      switch (committer.submit(fact).join()) {
        case CommitOutcome.Done done -> {
          return Optional.of(done.decision());
        }
        case CommitOutcome.Closed closing -> {
          return Optional.empty();
        }
        case CommitOutcome.Gone gone -> {
          log.debug("{} is not applied: {}", fact.getClass().getSimpleName(), gone.reason());
          return Optional.empty();
        }
        case CommitOutcome.Superseded superseded -> {
          continue; // nothing wrong with the fact or the store: at once
        }
        case CommitOutcome.StoreFailed failed ->
            log.warn(
                "could not commit {} of {}; retrying in {} ms",
                fact.getClass().getSimpleName(),
                fact.executionId(),
                backoff,
                failed.cause());
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      backoff = Math.min(backoff * 2, 2000);
    }
  }

  private CompletableFuture<CommitOutcome> submitAsync(Fact fact) {
    return committer.submit(fact);
  }

  /**
   * Commits a fact for a caller of the API and returns its decision, submitting it again when the
   * batch it was in was superseded (a failure of other facts, not of this one).
   *
   * @throws IllegalStateException when the engine is closing
   * @throws NoSuchElementException when the execution does not exist or failed meanwhile
   * @throws StoreException when the store failed
   */
  private static Decision commit(Supplier<CompletableFuture<CommitOutcome>> submit) {
    for (int tries = 1; ; tries++) {
      switch (submit.get().join()) {
        case CommitOutcome.Done done -> {
          return done.decision();
        }
        case CommitOutcome.Closed closing ->
            throw new IllegalStateException("the engine is closed");
        case CommitOutcome.Gone gone -> throw new NoSuchElementException(gone.reason());
        case CommitOutcome.Superseded superseded -> {
          if (tries >= SUPERSEDED_TRIES) {
            throw new StoreException(
                "the store failed " + tries + " times in a row under other executions; try again");
          }
        }
        case CommitOutcome.StoreFailed failed ->
            throw failed.cause() instanceof StoreException store
                ? store
                : new StoreException("the store failed: " + failed.cause(), failed.cause());
      }
    }
  }

  private static String newId() {
    return "ex_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
  }
}
