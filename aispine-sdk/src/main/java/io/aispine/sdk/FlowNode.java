package io.aispine.sdk;

import java.util.List;

/** A node of a deployed flow: its id, type, the nodes it needs and, for agent nodes, the agent. */
public record FlowNode(String id, String type, List<String> needs, String agent) {

  /** Copies {@code needs} so that the record stays immutable; a missing list reads as empty. */
  public FlowNode {
    needs = needs == null ? List.of() : List.copyOf(needs);
  }
}
