package io.aispine.engine;

import java.util.List;

/**
 * What the decider made of one fact: the next state, the events to append, the commands for the
 * runtime and the attempt records to write. A rejected fact (stale, duplicate, for a finished
 * execution) yields the unchanged state and a {@link #rejection()} reason.
 */
public record Decision(
    ExecutionState state,
    List<ExecutionEvent> events,
    List<Command> commands,
    List<RunChange> runs,
    String rejection) {

  public Decision {
    events = List.copyOf(events);
    commands = List.copyOf(commands);
    runs = List.copyOf(runs);
  }

  /** A decision that changes nothing and says why. */
  public static Decision rejected(ExecutionState state, String why) {
    return new Decision(state, List.of(), List.of(), List.of(), why);
  }

  /** True when the fact was not applied. */
  public boolean isRejected() {
    return rejection != null;
  }
}
