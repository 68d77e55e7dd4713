package io.aispine.flow;

import java.time.Duration;
import java.util.List;

/**
 * A durable timer: completes after {@code duration}, or at the instant {@code until} evaluates to.
 * Exactly one of the two is set. The timer survives a restart of the engine.
 *
 * @param duration how long to wait, or null
 * @param until a template yielding an ISO-8601 instant ({@code "${inputs.deadline}"}), or null
 */
public record WaitNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    Duration duration,
    String until)
    implements Node {

  public WaitNode {
    needs = List.copyOf(needs);
    if ((duration == null) == (until == null)) {
      throw new IllegalArgumentException("a wait node needs exactly one of duration and until");
    }
  }

  @Override
  public String kind() {
    return "wait";
  }
}
