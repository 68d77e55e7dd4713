package io.aispine.flow;

import java.util.List;
import java.util.Map;

/**
 * A node that calls an agent.
 *
 * @param agent the agent reference, {@code name} or {@code name@range} ({@code echo}, {@code
 *     whatsapp@^1})
 * @param action the agent action, or null for the agent's default
 * @param with the input, a JSON-like tree whose strings may hold {@code ${…}} templates
 * @param fallback the agent reference called instead of {@code agent} while that one is unavailable
 *     (circuit open, drained), or null
 */
public record TaskNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    String agent,
    String action,
    Map<String, Object> with,
    String fallback)
    implements Node {

  /** A task without a fallback agent. */
  public TaskNode(
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location,
      String agent,
      String action,
      Map<String, Object> with) {
    this(id, needs, trigger, options, location, agent, action, with, null);
  }

  public TaskNode {
    needs = List.copyOf(needs);
    with =
        with == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
  }

  /** The agent's name without its version range. */
  public String agentName() {
    int at = agent.indexOf('@');
    return at < 0 ? agent : agent.substring(0, at);
  }

  @Override
  public String kind() {
    return "task";
  }
}
