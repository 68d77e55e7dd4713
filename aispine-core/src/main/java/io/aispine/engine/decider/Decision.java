package io.aispine.engine.decider;

import io.aispine.execution.Command;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.RunChange;
import java.util.List;

/**
 * What the decider made of one fact: the next state, the events to append, the commands for the
 * runtime and the attempt records to write. A rejected fact (stale, duplicate, for a finished
 * execution) yields the unchanged state and a {@link #rejection()} reason. {@link #changedNodes()}
 * lists the node paths whose state the decision changed, so that a store writes only those.
 */
public record Decision(
    ExecutionState state,
    List<ExecutionEvent> events,
    List<Command> commands,
    List<RunChange> runs,
    String rejection,
    List<String> changedNodes) {

  public Decision {
    events = List.copyOf(events);
    commands = List.copyOf(commands);
    runs = List.copyOf(runs);
    changedNodes = List.copyOf(changedNodes);
  }

  /** A decision that changes nothing and says why. */
  public static Decision rejected(ExecutionState state, String why) {
    return new Decision(state, List.of(), List.of(), List.of(), why, List.of());
  }

  /** True when the fact was not applied. */
  public boolean isRejected() {
    return rejection != null;
  }
}
