package io.aispine.engine.decider.internal;

import io.aispine.execution.Command;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import java.util.ArrayList;
import java.util.Map;

/**
 * Stops node instances that have not ended: their task or timer goes, a running call is
 * interrupted.
 */
final class Cancellation {

  private Cancellation() {}

  /** Cancels one node instance that has not ended. */
  static void cancel(Draft d, String path, NodeState state, String reason) {
    switch (state.status()) {
      case SCHEDULED, RUNNING -> {
        if (state.lease() > 0) { // a running container has no task and no worker
          d.command(new Command.CancelTask(path));
          d.run(
              new RunChange.Finished(
                  d.executionId(),
                  path,
                  state.attempt(),
                  NodeStatus.CANCELLED,
                  null,
                  null,
                  null,
                  d.at()));
        }
      }
      case RETRYING, WAITING -> {
        d.command(new Command.CancelTask(path));
        Approvals.cancelled(d, path, state); // a pending approval ends cancelled
      }
      case PENDING, SUCCEEDED, FAILED, SKIPPED, CANCELLED -> {}
    }
    d.put(path, NodeMoves.cancelled(state, reason, d.at()));
    d.emit(EventType.NODE_CANCELLED, path, state.attempt(), Map.of("reason", reason));
  }

  /**
   * Cancels every node instance below {@code containerPath} that has not ended (the body of a loop,
   * foreach or fork, nested bodies included), in the order they were created.
   */
  static void cancelBelow(Draft d, String containerPath, String reason) {
    String prefix = containerPath + "/";
    var open = new ArrayList<String>();
    for (var entry : d.nodes().entrySet()) {
      if (entry.getKey().startsWith(prefix) && !entry.getValue().status().terminal()) {
        open.add(entry.getKey());
      }
    }
    for (String path : open) {
      cancel(d, path, d.node(path), reason);
    }
  }
}
