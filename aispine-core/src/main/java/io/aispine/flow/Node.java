package io.aispine.flow;

import java.util.List;

/**
 * One node of a flow graph. Node kinds form a closed set handled by exhaustive {@code switch}.
 *
 * <p>{@link #needs()} are the explicit parents whose outcomes the {@link #trigger()} rule reads.
 * Decision branch targets and {@code on_error} fallbacks are additionally <em>activated</em> by
 * their decision or failing node; see {@code FlowGraph}.
 */
public sealed interface Node
    permits TaskNode,
        DecisionNode,
        WaitNode,
        ApprovalNode,
        LoopNode,
        ForeachNode,
        ForkNode,
        SubflowNode {

  /** The node's id, unique within its flow. */
  String id();

  /** Ids of the nodes this one waits for. */
  List<String> needs();

  /** When this node may run given its parents' outcomes. */
  TriggerRule trigger();

  /** Retry, timeout and error handling. */
  NodeOptions options();

  /** Where the node was declared in the YAML source. */
  SourceLocation location();

  /** The kind's name in YAML ({@code task}, {@code decision}, {@code approval}, {@code loop} …). */
  String kind();

  /**
   * True for the kinds that run a body of nodes ({@code loop}, {@code foreach}, {@code fork}):
   * their node instances have paths below the node's own, and they have no attempts of their own.
   */
  default boolean container() {
    return this instanceof LoopNode || this instanceof ForeachNode || this instanceof ForkNode;
  }
}
