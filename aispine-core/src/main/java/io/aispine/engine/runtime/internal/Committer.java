package io.aispine.engine.runtime.internal;

import io.aispine.engine.CommitStats;
import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.Command;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.store.AuditLog;
import io.aispine.store.ExecutionStore;
import io.aispine.store.StoreUnavailableException;
import io.aispine.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every fact takes: it is decided against the execution's current state, the resulting
 * transitions of a whole batch are committed in one store transaction (group commit), and only then
 * does the runtime act on them.
 *
 * <p>Two threads form a pipeline. The decider thread decides batch N+1 while the writer thread
 * commits batch N, so the time a commit spends waiting for the disk (fsync) is used to decide the
 * next batch. Batch N+1 is decided against the states batch N produced, which are held as
 * <em>speculative</em> until N commits; nothing outside this class ever sees them. Only the decider
 * thread decides, so execution state needs no locks.
 *
 * <p>A batch that fails to commit is not allowed to take the others down with it: {@link
 * BatchIsolation} commits what can be committed and fails the executions whose own changes the
 * store refuses, decided against what they had committed. Only when the store itself fails is every
 * batch decided on top of the failed one void (same generation), so that the next facts reload the
 * committed truth. Whatever a fact's fate, its future completes with a {@link CommitOutcome}.
 */
public final class Committer {

  private static final Logger log = LoggerFactory.getLogger(Committer.class);

  /** Acts on committed decisions: dispatches work, arms timers, notifies listeners. */
  @FunctionalInterface
  public interface Effects {
    void committed(List<Applied> applied);
  }

  /** A decision that is now durable, with the fact that caused it. */
  public record Applied(Fact fact, Decision decision) {}

  /**
   * A fact waiting for its outcome; {@code created} is the initial state of a new execution, {@code
   * audit} the audit entry of the API request that submitted it (null for the engine's own facts).
   */
  record Submission(
      Fact fact,
      ExecutionState created,
      AuditLog.Pending audit,
      CompletableFuture<CommitOutcome> done) {
    String executionId() {
      return fact.executionId();
    }
  }

  /**
   * One decided submission: what to write and act on once committed ({@code applied} and {@code
   * transition}, both null when there is nothing to write), and what its submitter learns then.
   */
  record Item(
      Submission submission, Applied applied, Transition transition, CommitOutcome outcome) {
    String executionId() {
      return submission.executionId();
    }
  }

  /**
   * A decided batch on its way to the writer; {@code acknowledged} are the executions whose failure
   * the decider knew of before deciding it.
   */
  private record Prepared(long generation, List<Item> items, Set<String> acknowledged) {}

  /** Tells the writer to stop. */
  private static final Prepared END = new Prepared(-1, List.of(), Set.of());

  private final ExecutionStore store;
  private final FlowGraphs graphs;
  private final int maxBatch;
  private final PayloadLimit payloadLimit;
  private final InstantSource clock;
  private final Effects effects;
  private final SubmissionDecider decisions;
  private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();

  /** Every submission whose outcome is not known yet, so that stopping can tell each of them. */
  private final Set<Submission> pending = ConcurrentHashMap.newKeySet();

  /** At most one decided batch waits while another commits: bounded speculation and memory. */
  private final ArrayBlockingQueue<Prepared> handoff = new ArrayBlockingQueue<>(1);

  /** The last committed state of every active execution this engine has touched. */
  private final Map<String, ExecutionState> active = new ConcurrentHashMap<>();

  /** States decided but not committed yet; read and written by the decider thread only. */
  private final Map<String, ExecutionState> speculative = new ConcurrentHashMap<>();

  /** Bumped by the writer when the store fails: batches decided before that are built on sand. */
  private final AtomicLong generation = new AtomicLong();

  private long decidedGeneration;

  /**
   * Executions the writer failed, with the reason, until a batch decided after the decider learned
   * of it arrives: their items in earlier batches were decided on states that are void. Writer
   * only.
   */
  private final Map<String, String> failed = new HashMap<>();

  /** Failures the writer has told and the decider has not heard yet. */
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();

  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong facts = new AtomicLong();
  private final AtomicLong applyNanos = new AtomicLong();
  private final Thread thread;
  private final Thread writer;
  private volatile boolean stopping;

  /**
   * @param payloadLimit what node inputs and outputs may weigh; the decider enforces it
   * @param clock the time of the facts that fail an execution whose changes cannot be committed
   */
  public Committer(
      ExecutionStore store,
      FlowGraphs graphs,
      DoubleSupplier random,
      int maxBatch,
      PayloadLimit payloadLimit,
      InstantSource clock,
      Effects effects) {
    this.store = store;
    this.graphs = graphs;
    this.maxBatch = maxBatch;
    this.payloadLimit = payloadLimit;
    this.clock = clock;
    this.effects = effects;
    this.decisions = new SubmissionDecider(graphs, random, payloadLimit, clock);
    this.thread = Thread.ofPlatform().name("aispine-committer").daemon().unstarted(this::loop);
    this.writer = Thread.ofPlatform().name("aispine-writer").daemon().unstarted(this::writeLoop);
  }

  public void start() {
    writer.start();
    thread.start();
  }

  /** Queues a fact; the future tells how it ended once that is known. */
  public CompletableFuture<CommitOutcome> submit(Fact fact) {
    return submit(fact, null);
  }

  /**
   * Queues a fact of an API request; its audit entry, when not null, is appended in the commit that
   * applies the fact (nothing is appended when the fact changes nothing).
   */
  public CompletableFuture<CommitOutcome> submit(Fact fact, AuditLog.Pending audit) {
    return enqueue(new Submission(fact, null, audit, new CompletableFuture<>()));
  }

  /** Queues the start of a new execution whose initial state is {@code created}. */
  public CompletableFuture<CommitOutcome> submitNew(
      ExecutionState created, Fact.ExecutionStarted fact) {
    return submitNew(created, fact, null);
  }

  /** {@link #submitNew} for an API request whose audit entry the start's commit appends. */
  public CompletableFuture<CommitOutcome> submitNew(
      ExecutionState created, Fact.ExecutionStarted fact, AuditLog.Pending audit) {
    return enqueue(new Submission(fact, created, audit, new CompletableFuture<>()));
  }

  private CompletableFuture<CommitOutcome> enqueue(Submission submission) {
    if (stopping) {
      submission.done().complete(CommitOutcome.CLOSED);
    } else {
      pending.add(submission);
      queue.add(submission);
    }
    return submission.done();
  }

  private void finish(Submission submission, CommitOutcome outcome) {
    pending.remove(submission);
    submission.done().complete(outcome);
  }

  /** The last committed state of an active execution known to this engine. */
  public Optional<ExecutionState> cached(String executionId) {
    return Optional.ofNullable(active.get(executionId));
  }

  /** Puts states loaded on recovery into the cache. */
  public void prime(List<ExecutionState> states) {
    states.forEach(s -> active.put(s.id(), s));
  }

  /** How many facts were rejected as stale or duplicate since the engine started. */
  public long rejectedCount() {
    return rejected.get();
  }

  /** Commit statistics, for benchmarks and metrics. */
  public CommitStats stats() {
    return new CommitStats(batches.get(), facts.get(), Duration.ofNanos(applyNanos.get()));
  }

  /**
   * Processes what is queued, then stops; facts submitted afterwards are not taken. Waits at most
   * {@code patience} for the threads: a commit stuck in the store must not keep the process from
   * exiting. Every fact whose outcome is still unknown then learns that the engine is closed; what
   * was committed stays, the rest resumes from the store on the next start.
   */
  public void stop(Duration patience) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + patience.toNanos();
    boolean stopped =
        thread.join(patience)
            && writer.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    if (!stopped) {
      log.warn(
          "the committer did not stop within {}: a commit is stuck in the store; its facts are"
              + " dropped as not durable and resume from the store on the next start",
          patience);
    }
    // a submission may have slipped in between the last poll and the flag; never leave it hanging
    pending.forEach(s -> finish(s, CommitOutcome.CLOSED));
  }

  // ---- the decider thread

  private void loop() {
    var batch = new ArrayList<Submission>(maxBatch);
    try {
      while (true) {
        Submission first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (stopping && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        Prepared prepared;
        try {
          prepared = decideBatch(batch);
        } catch (Throwable e) {
          // each fact's own failure is handled in decide(); this is a fault of the batch as such
          log.error("the committer failed to decide a batch of {} facts", batch.size(), e);
          batch.forEach(s -> finish(s, new CommitOutcome.StoreFailed(e)));
          batch.clear();
          continue;
        }
        batch.clear();
        handoff.put(prepared);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      endWriter();
    }
  }

  /** Queues the end marker behind any pending batch; the writer stops after committing it. */
  private void endWriter() {
    boolean interrupted = false;
    while (true) {
      try {
        handoff.put(END);
        break;
      } catch (InterruptedException e) {
        // the writer must still be told, or stop() would wait its whole patience
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Prepared decideBatch(List<Submission> batch) {
    long current = generation.get();
    if (current != decidedGeneration) {
      // the store failed since the last batch: what was speculated is void
      speculative.clear();
      decidedGeneration = current;
    }
    Set<String> acknowledged = new HashSet<>();
    for (String id = failures.poll(); id != null; id = failures.poll()) {
      // the writer failed this execution: its speculative state is void, its committed one is final
      speculative.remove(id);
      acknowledged.add(id);
    }
    var working = new HashMap<String, ExecutionState>();
    var items = new ArrayList<Item>(batch.size());
    for (Submission submission : batch) {
      Item item = decisions.decide(submission, () -> stateOf(submission, working));
      if (item.outcome() instanceof CommitOutcome.Done done && done.decision().isRejected()) {
        rejected.incrementAndGet();
        log.debug("rejected {}: {}", submission.fact(), done.decision().rejection());
      }
      items.add(item);
      if (item.applied() != null) {
        working.put(item.executionId(), item.applied().decision().state());
        claimDue(item.applied(), working, items);
      }
    }
    speculative.putAll(working);
    return new Prepared(current, items, acknowledged);
  }

  /**
   * Claims, in the same commit, the attempts that a decision made due at once, so that the worker
   * the runtime starts after the commit calls its agent straight away instead of committing a claim
   * of its own first: one commit per step instead of two. The claim is an ordinary {@link
   * Fact.NodeStarted} decided right after the decision, so the history ({@code node.started} after
   * {@code node.scheduled}), the fencing by lease and the recovery of a claimed attempt (its lease
   * expires) are those of a worker's claim. A node a guard holds back keeps its looks-again claim.
   */
  private void claimDue(Applied applied, Map<String, ExecutionState> working, List<Item> items) {
    Instant at = applied.fact().at();
    for (Command command : applied.decision().commands()) {
      if (!(command instanceof Command.RunTask run) || run.runAt().isAfter(at)) {
        continue;
      }
      String id = applied.fact().executionId();
      NodeState node = working.get(id).nodes().get(run.path());
      if (node == null
          || node.status() != NodeStatus.SCHEDULED
          || node.lease() != run.lease()
          || node.reason() != null) {
        continue;
      }
      Instant now = clock.instant();
      var claim =
          new Fact.NodeStarted(
              id, run.path(), run.attempt(), run.lease(), now.isBefore(at) ? at : now);
      // nobody waits for this outcome: the worker learns of the claim from the committed state
      Item claimed =
          decisions.decide(
              new Submission(claim, null, null, new CompletableFuture<>()), () -> working.get(id));
      items.add(claimed);
      if (claimed.applied() != null) {
        working.put(id, claimed.applied().decision().state());
      }
    }
  }

  /** The state a submission is decided against: this batch's, else speculative, else committed. */
  private ExecutionState stateOf(Submission submission, Map<String, ExecutionState> working) {
    String id = submission.executionId();
    ExecutionState state = submission.created();
    if (state == null) {
      state = working.get(id);
    }
    if (state == null) {
      state = speculative.get(id);
    }
    if (state == null) {
      state = active.get(id);
    }
    if (state == null) {
      state = store.find(id).orElseThrow(() -> new NoSuchElementException("no execution " + id));
    }
    return state;
  }

  // ---- the writer thread

  private void writeLoop() {
    while (true) {
      Prepared prepared;
      try {
        prepared = handoff.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (prepared == END) {
        return;
      }
      try {
        commit(prepared);
      } catch (Throwable e) {
        // not a store failure (those are outcomes): a fault of ours; nothing of it is trusted
        log.error("the committer failed on a batch of {} facts", prepared.items().size(), e);
        generation.incrementAndGet();
        prepared.items().forEach(i -> finish(i.submission(), new CommitOutcome.StoreFailed(e)));
      }
    }
  }

  private void commit(Prepared prepared) {
    prepared.acknowledged().forEach(failed::remove);
    if (prepared.generation() != generation.get()) {
      prepared.items().forEach(i -> finish(i.submission(), CommitOutcome.SUPERSEDED));
      return;
    }
    List<Item> live = new ArrayList<>(prepared.items().size());
    for (Item item : prepared.items()) {
      String reason = failed.get(item.executionId());
      if (reason == null) {
        live.add(item);
      } else {
        finish(item.submission(), new CommitOutcome.Gone(reason)); // decided on a void state
      }
    }
    Throwable failure = apply(transitions(live));
    if (failure == null) {
      done(live);
      return;
    }
    if (failure instanceof StoreUnavailableException) {
      log.warn("commit of {} facts failed; the store is unavailable", live.size(), failure);
      storeFailed(live, failure);
      return;
    }
    log.warn(
        "commit of {} facts failed; finding the executions whose changes the store refuses",
        live.size(),
        failure);
    var isolation =
        new BatchIsolation(this::apply, this::lastCommitted, graphs, payloadLimit, clock);
    BatchIsolation.Result result = isolation.isolate(live, failure);
    result
        .dropped()
        .forEach(
            (id, reason) -> {
              failed.put(id, reason);
              failures.add(id);
            });
    if (result.storeFailure() != null) {
      storeFailed(result.unresolved(), result.storeFailure());
    }
    done(result.committed());
  }

  /**
   * Writes transitions in one store transaction.
   *
   * @return null when they are durable, else what failed (any throwable: an {@link Error} thrown
   *     while serialising them is as much the batch's fault as an exception)
   */
  private Throwable apply(List<Transition> transitions) {
    if (transitions.isEmpty()) {
      return null;
    }
    try {
      long began = System.nanoTime();
      store.apply(transitions);
      applyNanos.addAndGet(System.nanoTime() - began);
      batches.incrementAndGet();
      facts.addAndGet(transitions.size());
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  /** The transitions of the items that have one, in order, each with its request's audit entry. */
  static List<Transition> transitions(List<Item> items) {
    var transitions = new ArrayList<Transition>(items.size());
    for (Item item : items) {
      if (item.transition() != null) {
        AuditLog.Pending audit = item.submission().audit();
        transitions.add(audit == null ? item.transition() : item.transition().withAudit(audit));
      }
    }
    return transitions;
  }

  /** The state an execution had committed, or the initial state of one whose start is in items. */
  private ExecutionState lastCommitted(String executionId, ExecutionState created) {
    if (created != null) {
      return created;
    }
    ExecutionState state = active.get(executionId);
    return state != null ? state : store.find(executionId).orElse(null);
  }

  /** Nothing of these items is durable, nor is what was decided on top of them: try again. */
  private void storeFailed(List<Item> items, Throwable cause) {
    generation.incrementAndGet();
    for (Item item : items) {
      active.remove(item.executionId()); // the commit's outcome may be unclear: reload it
      finish(item.submission(), new CommitOutcome.StoreFailed(cause));
    }
  }

  /** These items are durable: cache their states, act on them, tell their submitters. */
  private void done(List<Item> items) {
    var applied = new ArrayList<Applied>(items.size());
    for (Item item : items) {
      if (item.applied() == null) {
        continue;
      }
      ExecutionState state = item.applied().decision().state();
      String id = state.id();
      // committed first, then no longer speculative, so a reader always finds one of them
      if (state.status().terminal()) {
        active.remove(id);
      } else {
        active.put(id, state);
      }
      speculative.computeIfPresent(id, (k, v) -> v == state ? null : v);
      applied.add(item.applied());
    }
    try {
      effects.committed(applied);
    } catch (Throwable e) {
      log.error("acting on {} committed decisions failed", applied.size(), e);
    } finally {
      items.forEach(i -> finish(i.submission(), i.outcome()));
    }
  }
}
