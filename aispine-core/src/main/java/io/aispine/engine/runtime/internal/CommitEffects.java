package io.aispine.engine.runtime.internal;

import io.aispine.engine.Engine;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.Command;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runtime does once decisions are durable: tell listeners, start due attempts, arm timers,
 * interrupt cancelled work and wake whoever awaits a finished execution. Runs on the committer
 * thread, so every action here is quick and non-blocking.
 */
public final class CommitEffects implements Committer.Effects {

  private static final Logger log = LoggerFactory.getLogger(CommitEffects.class);
  private static final Duration RETRY_FIRE = Duration.ofSeconds(1);

  private final Timers timers;
  private final Workers workers;
  private final Function<Fact, CompletableFuture<CommitOutcome>> submit;
  private final InstantSource clock;
  private final List<Engine.EventListener> listeners;
  private final Map<String, CompletableFuture<ExecutionState>> finished;

  public CommitEffects(
      Timers timers,
      Workers workers,
      Function<Fact, CompletableFuture<CommitOutcome>> submit,
      InstantSource clock,
      List<Engine.EventListener> listeners,
      Map<String, CompletableFuture<ExecutionState>> finished) {
    this.timers = timers;
    this.workers = workers;
    this.submit = submit;
    this.clock = clock;
    this.listeners = listeners;
    this.finished = finished;
  }

  @Override
  public void committed(List<Committer.Applied> applied) {
    // each execution's state after the whole batch: it tells which dispatched attempts are claimed
    var last = new HashMap<String, ExecutionState>();
    for (Committer.Applied a : applied) {
      last.put(a.decision().state().id(), a.decision().state());
    }
    for (Committer.Applied a : applied) {
      try {
        act(a.decision(), last.get(a.decision().state().id()));
      } catch (RuntimeException | Error e) {
        // one decision's effects must not cost the others theirs; its work stays in the store
        log.error("acting on a decision of {} failed", a.decision().state().id(), e);
      }
    }
  }

  private void act(Decision decision, ExecutionState committed) {
    notifyListeners(decision.events());
    ExecutionState state = decision.state();
    for (Command command : decision.commands()) {
      switch (command) {
        case Command.RunTask run -> dispatch(state, run, claimed(committed, run));
        case Command.StartTimer timer -> armTimer(state.id(), timer.path(), timer.fireAt());
        case Command.CancelTask cancel -> {
          timers.disarm(key(state.id(), cancel.path()));
          workers.cancel(state.id(), cancel.path());
        }
        // stored with the transition; a person answers it, the runtime has nothing to do
        case Command.RequestApproval request -> {}
        case Command.ResolveApproval resolve -> {}
      }
    }
    if (state.status().terminal()) {
      CompletableFuture<ExecutionState> waiter = finished.remove(state.id());
      if (waiter != null) {
        waiter.complete(state);
      }
    }
  }

  /** Starts an attempt now, or when its time comes; its worker claims it first. */
  public void dispatch(ExecutionState state, Command.RunTask run) {
    dispatch(state, run, false);
  }

  /**
   * True when the committed state shows the attempt claimed already (the committer claimed it in
   * the commit that scheduled it): its worker may call the agent at once.
   */
  private static boolean claimed(ExecutionState committed, Command.RunTask run) {
    NodeState node = committed.nodes().get(run.path());
    return node != null
        && node.status() == NodeStatus.RUNNING
        && node.attempt() == run.attempt()
        && node.lease() == run.lease()
        && node.reason() == null;
  }

  private void dispatch(ExecutionState state, Command.RunTask run, boolean claimed) {
    String flowRef = state.flowId() + "@" + state.flowVersion();
    if (run.runAt().isAfter(clock.instant())) {
      timers.armDelivery(
          key(state.id(), run.path()),
          run.runAt(),
          () -> workers.dispatch(state.id(), flowRef, run, claimed));
    } else {
      workers.dispatch(state.id(), flowRef, run, claimed);
    }
  }

  /** Delivers the attempt of a node that waits for a later time now instead (see Timers#hurry). */
  public void hurry(String executionId, String path) {
    timers.hurry(key(executionId, path));
  }

  /** Arms a durable timer's in-memory twin: at {@code fireAt} it submits the fired fact. */
  public void armTimer(String executionId, String path, java.time.Instant fireAt) {
    timers.arm(key(executionId, path), fireAt, () -> fire(executionId, path));
  }

  private void fire(String executionId, String path) {
    submit
        .apply(new Fact.TimerFired(executionId, path, clock.instant()))
        .thenAccept(
            outcome -> {
              switch (outcome) {
                // closing, or the execution is gone: the durable timer remains where it matters
                case CommitOutcome.Done done -> {}
                case CommitOutcome.Closed closed -> {}
                case CommitOutcome.Gone gone -> {}
                case CommitOutcome.Superseded superseded -> fireAgain(executionId, path, null);
                case CommitOutcome.StoreFailed failed ->
                    fireAgain(executionId, path, failed.cause());
              }
            });
  }

  private void fireAgain(String executionId, String path, Throwable cause) {
    log.warn("timer {}/{} could not fire; trying again", executionId, path, cause);
    timers.arm(
        key(executionId, path), clock.instant().plus(RETRY_FIRE), () -> fire(executionId, path));
  }

  private void notifyListeners(List<ExecutionEvent> events) {
    if (listeners.isEmpty()) {
      return;
    }
    for (ExecutionEvent event : events) {
      for (Engine.EventListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("event listener failed on {}", event.type().wireName(), e);
        }
      }
    }
  }

  static String key(String executionId, String path) {
    return executionId + "/" + path;
  }
}
