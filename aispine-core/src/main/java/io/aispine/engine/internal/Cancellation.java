package io.aispine.engine.internal;

import io.aispine.engine.Command;
import io.aispine.engine.EventType;
import io.aispine.engine.NodeState;
import io.aispine.engine.NodeStatus;
import io.aispine.engine.RunChange;
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
