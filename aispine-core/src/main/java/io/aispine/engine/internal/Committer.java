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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread through which every fact passes: it decides each fact against the current
 * state, commits a whole batch of resulting transitions in one store transaction (group commit),
 * and only then lets the runtime act on them. Being the only writer, it needs no locks on execution
 * state.
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

  private final ExecutionStore store;
  private final FlowGraphs graphs;
  private final DoubleSupplier random;
  private final int maxBatch;
  private final Effects effects;
  private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();

  /** The last committed state of every active execution this engine has touched. */
  private final Map<String, ExecutionState> active = new ConcurrentHashMap<>();

  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong facts = new AtomicLong();
  private final AtomicLong applyNanos = new AtomicLong();
  private final Thread thread;
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
  }

  public void start() {
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
    // a submission may have slipped in between the last poll and the flag; never leave it hanging
    var late = new ArrayList<Submission>();
    queue.drainTo(late);
    late.forEach(
        s -> s.done().completeExceptionally(new IllegalStateException("the engine is closed")));
  }

  private void loop() {
    var batch = new ArrayList<Submission>(maxBatch);
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
        process(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("committer failed a batch of {} facts", batch.size(), e);
        batch.forEach(s -> s.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void process(List<Submission> batch) {
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
    try {
      if (!transitions.isEmpty()) {
        long began = System.nanoTime();
        store.apply(transitions);
        applyNanos.addAndGet(System.nanoTime() - began);
        batches.incrementAndGet();
        facts.addAndGet(transitions.size());
      }
    } catch (RuntimeException e) {
      // nothing of this batch is durable: forget its states so the next fact reloads them
      working.keySet().forEach(active::remove);
      for (int i = 0; i < batch.size(); i++) {
        if (outcomes.get(i) != null) {
          batch.get(i).done().completeExceptionally(e);
        }
      }
      log.warn("commit of {} transitions failed", transitions.size(), e);
      return;
    }
    working.forEach(
        (id, state) -> {
          if (state.status().terminal()) {
            active.remove(id);
          } else {
            active.put(id, state);
          }
        });
    try {
      effects.committed(applied);
    } finally {
      for (int i = 0; i < batch.size(); i++) {
        if (outcomes.get(i) != null) {
          batch.get(i).done().complete(outcomes.get(i));
        }
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
