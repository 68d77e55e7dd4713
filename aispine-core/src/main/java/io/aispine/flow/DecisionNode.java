package io.aispine.flow;

import java.util.List;

/**
 * A node that picks one branch: the first {@code when} entry whose condition holds, else {@code
 * otherwise}. Targets of branches not taken are skipped, and the skip propagates downstream.
 *
 * @param when the conditional branches, evaluated in order
 * @param otherwise the targets when no condition holds (may be empty: then nothing is activated)
 */
public record DecisionNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    List<Branch> when,
    List<String> otherwise)
    implements Node {

  public DecisionNode {
    needs = List.copyOf(needs);
    when = List.copyOf(when);
    otherwise = List.copyOf(otherwise);
  }

  /** Every node id any branch of this decision can activate, in declaration order, once each. */
  public List<String> targets() {
    var all = new java.util.LinkedHashSet<String>();
    when.forEach(b -> all.addAll(b.then()));
    all.addAll(otherwise);
    return List.copyOf(all);
  }

  @Override
  public String kind() {
    return "decision";
  }

  /**
   * One conditional branch.
   *
   * @param condition a boolean expression ({@code nodes.ocr.output.score >= 0.9})
   * @param then ids of the nodes activated when it holds
   * @param location where the branch was declared
   */
  public record Branch(String condition, List<String> then, SourceLocation location) {
    public Branch {
      then = List.copyOf(then);
    }
  }
}
