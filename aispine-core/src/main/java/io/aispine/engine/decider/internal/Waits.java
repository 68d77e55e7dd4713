package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.flow.WaitNode;
import java.time.Instant;
import java.util.Map;

/** Wait nodes whose durable timer fired. */
public final class Waits {

  private Waits() {}

  /**
   * The output a wait node holds while waiting: the instant it waits for, so that the fired timer
   * can tell an elapsed wait from an elapsed timeout without evaluating {@code until} again.
   */
  static Map<String, Object> pending(Instant until) {
    return Map.of("until", until.toString());
  }

  /** The timer of a waiting node fired: the wait is over, or its timeout elapsed first. */
  public static void fired(Draft d, String path, WaitNode wait, NodeState state) {
    Instant until = Instant.parse((String) ((Map<?, ?>) state.output()).get("until"));
    d.emit(EventType.TIMER_FIRED, path, 0, Map.of("waited_until", until.toString()));
    var timeout = wait.options().timeout();
    if (timeout != null && state.startedAt().plus(timeout).isBefore(until)) {
      Failures.failFinally(
          d,
          path,
          wait,
          state,
          ErrorInfo.permanent(
              "TIMEOUT", "wait '" + wait.id() + "' did not end within its timeout " + timeout));
      return;
    }
    Map<String, Object> output = Map.of("waited_until", until.toString());
    d.put(path, NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.NODE_COMPLETED, path, 0, ReadyNodes.completedData(output));
  }
}
