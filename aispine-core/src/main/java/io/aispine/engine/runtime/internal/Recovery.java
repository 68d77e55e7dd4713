package io.aispine.engine.runtime.internal;

import io.aispine.engine.decider.Fact;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.store.ExecutionStore;
import io.aispine.store.Task;
import java.time.InstantSource;
import java.util.HashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up, on start, the work an earlier process left in the store: timers are armed again (past
 * ones fire at once), scheduled attempts are dispatched, and attempts that were running when the
 * process died get their lease expired so that they run again under a new lease.
 */
public final class Recovery {

  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final ExecutionStore store;
  private final Committer committer;
  private final CommitEffects effects;
  private final InstantSource clock;

  public Recovery(
      ExecutionStore store, Committer committer, CommitEffects effects, InstantSource clock) {
    this.store = store;
    this.committer = committer;
    this.effects = effects;
    this.clock = clock;
  }

  /** Resumes every active execution's due work. */
  public void resume() {
    var active = new HashMap<String, ExecutionState>();
    store.findActive().forEach(s -> active.put(s.id(), s));
    committer.prime(java.util.List.copyOf(active.values()));
    int timers = 0;
    int dispatched = 0;
    int expired = 0;
    for (Task task : store.tasks()) {
      ExecutionState state = active.get(task.executionId());
      if (state == null) {
        continue; // a finished execution's row; nothing to do
      }
      NodeState node = state.node(task.path());
      if (task.isTimer()) {
        effects.armTimer(task.executionId(), task.path(), task.runAt());
        timers++;
      } else if (node.status() == NodeStatus.RUNNING) {
        var run = task.run();
        committer.submit(
            new Fact.LeaseExpired(
                task.executionId(), task.path(), run.attempt(), run.lease(), clock.instant()));
        expired++;
      } else if (node.status() == NodeStatus.SCHEDULED) {
        effects.dispatch(state, task.run());
        dispatched++;
      }
    }
    if (timers + dispatched + expired > 0) {
      log.info(
          "resumed {} executions: {} timers armed, {} attempts dispatched, {} leases expired",
          active.size(),
          timers,
          dispatched,
          expired);
    }
  }
}
