package io.aispine.engine.it;

import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeRun;
import io.aispine.execution.RunChange;
import io.aispine.store.AgentControls;
import io.aispine.store.AgentRegistry;
import io.aispine.store.ApiKeyStore;
import io.aispine.store.ApprovalStore;
import io.aispine.store.ExecutionQuery;
import io.aispine.store.ExecutionStore;
import io.aispine.store.FlowStore;
import io.aispine.store.Store;
import io.aispine.store.StoreException;
import io.aispine.store.StoredEvent;
import io.aispine.store.Task;
import io.aispine.store.Transition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The real store with faults injected. Every batch holding an attempt's input or output that
 * contains {@link #POISON} is refused, all of it, as a store refuses a value it cannot serialise or
 * hold. While {@link #failEveryWrite} is set, every write fails as in an outage: with {@link
 * io.aispine.store.StoreUnavailableException} when the store says so, else with a plain {@link
 * StoreException} that does not say whose fault it is. After {@link #stallWrites()} a write hangs,
 * deaf to interrupts, until {@link #release()}. Reads always go through to the real store.
 */
final class RefusingStore implements Store {

  /** The value the store cannot write. */
  static final String POISON = "\u2620 unwritable";

  /** What the refusal says. */
  static final String REFUSAL = "injected fault: the store cannot hold this value";

  private final Store real;
  private final ExecutionStore executions;
  private final List<Integer> refused = new CopyOnWriteArrayList<>();
  private volatile Supplier<RuntimeException> outage;
  private volatile CountDownLatch stall;
  private final CountDownLatch stalled = new CountDownLatch(1);

  RefusingStore(Store real) {
    this.real = real;
    this.executions = new RefusingExecutions(real.executions());
  }

  /** How many batches were refused so far. */
  int refusedBatches() {
    return refused.size();
  }

  /** The number of transitions in each batch refused so far, in order. */
  List<Integer> refusedBatchSizes() {
    return List.copyOf(refused);
  }

  /** Makes every write fail with what {@code failure} supplies, until {@link #recover()}. */
  void failEveryWrite(Supplier<RuntimeException> failure) {
    outage = failure;
  }

  /** Lets writes through again. */
  void recover() {
    outage = null;
  }

  /** Makes the next writes hang until {@link #release()}, whatever interrupts them. */
  void stallWrites() {
    stall = new CountDownLatch(1);
  }

  /** Waits until a write hangs in this store. */
  void awaitStalledWrite() throws InterruptedException {
    stalled.await();
  }

  /** Lets hanging writes go on. */
  void release() {
    CountDownLatch s = stall;
    stall = null;
    if (s != null) {
      s.countDown();
    }
  }

  private void hangWhileStalled() {
    CountDownLatch s = stall;
    if (s == null) {
      return;
    }
    stalled.countDown();
    boolean interrupted = false;
    while (s.getCount() > 0) {
      try {
        s.await();
      } catch (InterruptedException e) {
        interrupted = true; // a stuck disk does not listen either
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean poisoned(Transition transition) {
    for (RunChange change : transition.runs()) {
      Object value =
          switch (change) {
            case RunChange.Scheduled scheduled -> scheduled.input();
            case RunChange.Finished finished -> finished.output();
            case RunChange.Started started -> null;
          };
      if (String.valueOf(value).contains(POISON)) {
        return true;
      }
    }
    return false;
  }

  private final class RefusingExecutions implements ExecutionStore {
    private final ExecutionStore delegate;

    RefusingExecutions(ExecutionStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void apply(List<Transition> batch) {
      hangWhileStalled();
      Supplier<RuntimeException> failure = outage;
      if (failure != null) {
        throw failure.get();
      }
      if (batch.stream().anyMatch(RefusingStore::poisoned)) {
        refused.add(batch.size());
        throw new StoreException(REFUSAL);
      }
      delegate.apply(batch);
    }

    @Override
    public Optional<ExecutionState> find(String executionId) {
      return delegate.find(executionId);
    }

    @Override
    public List<ExecutionState> findActive() {
      return delegate.findActive();
    }

    @Override
    public List<ExecutionState> list(String flowIdOrNull, int limit) {
      return delegate.list(flowIdOrNull, limit);
    }

    @Override
    public List<ExecutionEvent> events(String executionId, long afterSeq, int limit) {
      return delegate.events(executionId, afterSeq, limit);
    }

    @Override
    public List<NodeRun> runs(String executionId) {
      return delegate.runs(executionId);
    }

    @Override
    public List<Task> tasks() {
      return delegate.tasks();
    }

    @Override
    public List<ExecutionState> list(ExecutionQuery query) {
      return delegate.list(query);
    }

    @Override
    public List<StoredEvent> eventsAfterPosition(long afterPosition, int limit) {
      return delegate.eventsAfterPosition(afterPosition, limit);
    }

    @Override
    public long lastEventPosition() {
      return delegate.lastEventPosition();
    }
  }

  @Override
  public FlowStore flows() {
    return real.flows();
  }

  @Override
  public ExecutionStore executions() {
    return executions;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return real.apiKeys();
  }

  @Override
  public AgentRegistry agents() {
    return real.agents();
  }

  @Override
  public ApprovalStore approvals() {
    return real.approvals();
  }

  @Override
  public AgentControls agentControls() {
    return real.agentControls();
  }

  @Override
  public boolean isReachable() {
    return real.isReachable();
  }

  @Override
  public void close() {
    real.close();
  }
}
