package io.aispine.engine;

import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.agent.AgentResolver;
import io.aispine.engine.internal.CommitEffects;
import io.aispine.engine.internal.Committer;
import io.aispine.engine.internal.FlowGraphs;
import io.aispine.engine.internal.InputValidator;
import io.aispine.engine.internal.ReadyNodes;
import io.aispine.engine.internal.Recovery;
import io.aispine.engine.internal.Replays;
import io.aispine.engine.internal.SubflowAgent;
import io.aispine.engine.internal.Timers;
import io.aispine.engine.internal.Workers;
import io.aispine.flow.Flow;
import io.aispine.flow.ForeachNode;
import io.aispine.flow.ForkNode;
import io.aispine.flow.LoopNode;
import io.aispine.flow.Node;
import io.aispine.flow.TaskNode;
import io.aispine.store.Store;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one process: a committer thread that decides and group-commits facts, virtual
 * threads that run agent attempts, and a timer thread for retries and waits. Everything it acts on
 * is committed first, so a killed process resumes where it was on the next {@link #create}.
 */
public final class DurableEngine implements Engine {

  private static final Logger log = LoggerFactory.getLogger(DurableEngine.class);

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
    var subflows = new SubflowAgent(new SubflowHost(), store.flows());
    AgentResolver withSubflows =
        reference ->
            ReadyNodes.SUBFLOW_AGENT.equals(reference)
                ? Optional.of(subflows)
                : agents.resolve(reference);
    this.workers =
        new Workers(this::submitAndWait, withSubflows, options.clock(), options.workerName());
    this.effects =
        new CommitEffects(timers, workers, this::submitAsync, options.clock(), listeners, finished);
    this.committer =
        new Committer(store.executions(), graphs, options.random(), options.maxBatch(), effects);
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
    String id = newId();
    start(flow, inputs, id, null);
    return id;
  }

  private void start(
      Flow flow, Map<String, Object> inputs, String id, ExecutionState.ParentLink parent) {
    ensureOpen();
    Map<String, Object> validated = InputValidator.validate(flow, inputs);
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
    await(committer.submitNew(initial, new Fact.ExecutionStarted(id, now)));
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
        start(flow, inputs, id, link);
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
    ensureOpen();
    ExecutionState origin =
        execution(originId)
            .orElseThrow(() -> new NoSuchElementException("no execution " + originId));
    var graph = graphs.get(origin.flowId(), origin.flowVersion());
    String id = newId();
    ExecutionState initial = Replays.plan(graph, origin, request, id, options.clock().instant());
    await(committer.submitNew(initial, new Fact.ExecutionStarted(id, initial.createdAt())));
    return id;
  }

  @Override
  public void cancel(String executionId, String reason) {
    ensureOpen();
    Decision decision =
        await(
            committer.submit(
                new Fact.CancelRequested(executionId, options.clock().instant(), reason)));
    if (decision.isRejected()) {
      log.debug("cancel of {} changed nothing: {}", executionId, decision.rejection());
    }
  }

  @Override
  public boolean retry(String executionId) {
    ensureOpen();
    Decision decision =
        await(committer.submit(new Fact.RetryRequested(executionId, options.clock().instant())));
    if (decision.isRejected()) {
      log.debug("retry of {} changed nothing: {}", executionId, decision.rejection());
      return false;
    }
    return true;
  }

  @Override
  public boolean answerApproval(
      String approvalId, boolean approved, String comment, String by, String byKey) {
    ensureOpen();
    var approval =
        store
            .approvals()
            .find(approvalId)
            .orElseThrow(() -> new NoSuchElementException("no approval " + approvalId));
    if (approval.status().terminal()) {
      return false;
    }
    Decision decision =
        await(
            committer.submit(
                new Fact.ApprovalAnswered(
                    approval.executionId(),
                    approval.nodePath(),
                    approvalId,
                    approved,
                    comment,
                    by,
                    byKey,
                    options.clock().instant())));
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
      committer.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finished.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
  }

  /**
   * Submits a fact from a worker or timer and waits for its commit, retrying while the store fails;
   * empty when the engine is closing or the execution is gone.
   */
  Optional<Decision> submitAndWait(Fact fact) {
    long backoff = 50;
    while (true) {
      CompletableFuture<Decision> future = committer.submit(fact);
      try {
        return Optional.of(future.join());
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalStateException || cause instanceof NoSuchElementException) {
          return Optional.empty();
        }
        log.warn("could not commit {}; retrying in {} ms", fact, backoff, cause);
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

  private CompletableFuture<Decision> submitAsync(Fact fact) {
    return committer.submit(fact);
  }

  private static Decision await(CompletableFuture<Decision> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
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
