package io.aispine.engine.internal;

import io.aispine.engine.CommitStats;
import io.aispine.engine.Decider;
import io.aispine.engine.Decision;
import io.aispine.engine.ExecutionState;
import io.aispine.engine.Fact;
import io.aispine.store.ExecutionStore;
import io.aispine.store.Transition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * <em>speculative</em> until N commits; nothing outside this class ever sees them. If N fails to
 * commit, every batch decided on top of it (same generation) is failed too and the speculative
 * states are dropped, so the next facts reload the committed truth from the store. Only the decider
 * thread decides, so execution state needs no locks.
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

  private record Submission(Fact fact, ExecutionState created, CompletableFuture<Decision> done) {}

  /** A decided batch on its way to the writer. */
  private record Prepared(
      long generation,
      List<Submission> submissions,
      List<Decision> outcomes,
      List<Transition> transitions,
      List<Applied> applied,
      Map<String, ExecutionState> working) {}

  /** Tells the writer to stop. */
  private static final Prepared END =
      new Prepared(-1, List.of(), List.of(), List.of(), List.of(), Map.of());

  private final ExecutionStore store;
  private final FlowGraphs graphs;
  private final DoubleSupplier random;
  private final int maxBatch;
  private final Effects effects;
  private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();

  /** At most one decided batch waits while another commits: bounded speculation and memory. */
  private final ArrayBlockingQueue<Prepared> handoff = new ArrayBlockingQueue<>(1);

  /** The last committed state of every active execution this engine has touched. */
  private final Map<String, ExecutionState> active = new ConcurrentHashMap<>();

  /** States decided but not committed yet; read and written by the decider thread only. */
  private final Map<String, ExecutionState> speculative = new ConcurrentHashMap<>();

  /** Bumped by the writer when a commit fails: batches decided before that are built on sand. */
  private final AtomicLong generation = new AtomicLong();

  private long decidedGeneration;

  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong facts = new AtomicLong();
  private final AtomicLong applyNanos = new AtomicLong();
  private final Thread thread;
  private final Thread writer;
  private volatile boolean stopping;

  public Committer(
      ExecutionStore store,
      FlowGraphs graphs,
      DoubleSupplier random,
      int maxBatch,
      Effects effects) {
    this.store = store;
    this.graphs = graphs;
    this.random = random;
    this.maxBatch = maxBatch;
    this.effects = effects;
    this.thread = Thread.ofPlatform().name("aispine-committer").daemon().unstarted(this::loop);
    this.writer = Thread.ofPlatform().name("aispine-writer").daemon().unstarted(this::writeLoop);
  }

  public void start() {
    writer.start();
    thread.start();
  }

  /** Queues a fact; the future completes once its decision is committed (or rejected). */
  public CompletableFuture<Decision> submit(Fact fact) {
    return enqueue(new Submission(fact, null, new CompletableFuture<>()));
  }

  /** Queues the start of a new execution whose initial state is {@code created}. */
  public CompletableFuture<Decision> submitNew(ExecutionState created, Fact.ExecutionStarted fact) {
    return enqueue(new Submission(fact, created, new CompletableFuture<>()));
  }

  private CompletableFuture<Decision> enqueue(Submission submission) {
    if (stopping) {
      submission.done().completeExceptionally(new IllegalStateException("the engine is closed"));
    } else {
      queue.add(submission);
    }
    return submission.done();
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
    return new CommitStats(
        batches.get(), facts.get(), java.time.Duration.ofNanos(applyNanos.get()));
  }

  /** Processes what is queued, then stops; facts submitted afterwards fail. */
  public void stop() throws InterruptedException {
    stopping = true;
    thread.join();
    writer.join();
    // a submission may have slipped in between the last poll and the flag; never leave it hanging
    var late = new ArrayList<Submission>();
    queue.drainTo(late);
    late.forEach(
        s -> s.done().completeExceptionally(new IllegalStateException("the engine is closed")));
  }

  private void loop() {
    var batch = new ArrayList<Submission>(maxBatch);
    try {
      while (true) {
        try {
          Submission first = queue.poll(50, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (stopping && queue.isEmpty()) {
              return;
            }
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, maxBatch - 1);
          handoff.put(decideBatch(List.copyOf(batch)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException | Error e) {
          log.error("committer failed to decide a batch of {} facts", batch.size(), e);
          batch.forEach(s -> s.done().completeExceptionally(e));
        } finally {
          batch.clear();
        }
      }
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
        interrupted = true; // the writer must still be told, or stop() would wait forever
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Prepared decideBatch(List<Submission> batch) {
    long current = generation.get();
    if (current != decidedGeneration) {
      // a commit failed since the last batch: what was speculated on top of it is void
      speculative.clear();
      decidedGeneration = current;
    }
    var working = new HashMap<String, ExecutionState>();
    var transitions = new ArrayList<Transition>(batch.size());
    var applied = new ArrayList<Applied>(batch.size());
    var outcomes = new ArrayList<Decision>(batch.size());
    for (Submission submission : batch) {
      Decision decision;
      try {
        decision = decide(submission, working);
      } catch (RuntimeException e) {
        submission.done().completeExceptionally(e);
        outcomes.add(null);
        continue;
      }
      outcomes.add(decision);
      if (decision.isRejected()) {
        rejected.incrementAndGet();
        log.debug("rejected {}: {}", submission.fact(), decision.rejection());
        continue;
      }
      working.put(decision.state().id(), decision.state());
      transitions.add(Transitions.of(submission.fact(), submission.created() != null, decision));
      applied.add(new Applied(submission.fact(), decision));
    }
    speculative.putAll(working);
    return new Prepared(current, batch, outcomes, transitions, applied, working);
  }

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
      } catch (RuntimeException | Error e) {
        log.error("committer failed after a commit of {} facts", prepared.transitions().size(), e);
        fail(prepared, e);
      }
    }
  }

  private void commit(Prepared prepared) {
    if (prepared.generation() != generation.get()) {
      fail(prepared, new IllegalStateException("an earlier commit failed; retry"));
      return;
    }
    try {
      if (!prepared.transitions().isEmpty()) {
        long began = System.nanoTime();
        store.apply(prepared.transitions());
        applyNanos.addAndGet(System.nanoTime() - began);
        batches.incrementAndGet();
        facts.addAndGet(prepared.transitions().size());
      }
    } catch (RuntimeException e) {
      // nothing of this batch is durable, nor is what was decided on top of it
      generation.incrementAndGet();
      prepared.working().keySet().forEach(active::remove);
      log.warn("commit of {} transitions failed", prepared.transitions().size(), e);
      fail(prepared, e);
      return;
    }
    prepared
        .working()
        .forEach(
            (id, state) -> {
              // committed first, then no longer speculative, so a reader always finds one of them
              if (state.status().terminal()) {
                active.remove(id);
              } else {
                active.put(id, state);
              }
              speculative.computeIfPresent(id, (k, v) -> v == state ? null : v);
            });
    try {
      effects.committed(prepared.applied());
    } finally {
      complete(prepared);
    }
  }

  private static void complete(Prepared prepared) {
    for (int i = 0; i < prepared.submissions().size(); i++) {
      Decision outcome = prepared.outcomes().get(i);
      if (outcome != null) {
        prepared.submissions().get(i).done().complete(outcome);
      }
    }
  }

  private static void fail(Prepared prepared, Throwable e) {
    for (int i = 0; i < prepared.submissions().size(); i++) {
      if (prepared.outcomes().get(i) != null) {
        prepared.submissions().get(i).done().completeExceptionally(e);
      }
    }
  }

  private Decision decide(Submission submission, Map<String, ExecutionState> working) {
    Fact fact = submission.fact();
    ExecutionState state = submission.created();
    if (state == null) {
      state = working.get(fact.executionId());
    }
    if (state == null) {
      state = speculative.get(fact.executionId());
    }
    if (state == null) {
      state = active.get(fact.executionId());
    }
    if (state == null) {
      state =
          store
              .find(fact.executionId())
              .orElseThrow(() -> new NoSuchElementException("no execution " + fact.executionId()));
    }
    var graph = graphs.get(state.flowId(), state.flowVersion());
    return Decider.decide(graph, state, fact, random.getAsDouble());
  }
}
