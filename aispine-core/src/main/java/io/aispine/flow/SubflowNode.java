package io.aispine.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs another deployed flow as a child execution and waits for it: the child's outputs become this
 * node's output; the child's failure or cancellation fails this node, and cancelling the parent
 * cancels the child.
 *
 * @param flow the flow reference, {@code id} (its newest version) or {@code id@range} ({@code
 *     other@^1.2})
 * @param with the child's inputs, a JSON-like tree whose strings may hold {@code ${…}} templates
 */
public record SubflowNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    String flow,
    Map<String, Object> with)
    implements Node {

  public SubflowNode {
    needs = List.copyOf(needs);
    with = with == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(with));
  }

  /** The child flow's id, without its version range. */
  public String flowId() {
    int at = flow.indexOf('@');
    return at < 0 ? flow : flow.substring(0, at);
  }

  /** The version range, or {@code *} when the reference names none. */
  public String range() {
    int at = flow.indexOf('@');
    return at < 0 ? "*" : flow.substring(at + 1).strip();
  }

  @Override
  public String kind() {
    return "subflow";
  }
}
