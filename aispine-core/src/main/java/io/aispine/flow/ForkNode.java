package io.aispine.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named branches run in parallel, each a graph of nodes under the paths {@code
 * <id>/<branch>/<node>}, and joined by a {@link Join} strategy into one output.
 *
 * @param branches branch name to its nodes, in declaration order
 * @param join how the branches' outcomes become the fork's
 */
public record ForkNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    Map<String, List<Node>> branches,
    Join join)
    implements Node {

  public ForkNode {
    needs = List.copyOf(needs);
    var copy = new LinkedHashMap<String, List<Node>>();
    branches.forEach((name, nodes) -> copy.put(name, List.copyOf(nodes)));
    branches = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(join, "join");
  }

  @Override
  public String kind() {
    return "fork";
  }

  /**
   * How a fork's branches are joined.
   *
   * @param strategy which branch outcome becomes the fork's
   * @param score for {@code best}: a condition-style expression scoring a branch ({@code
   *     branch.output.confidence}), or null
   * @param onBranchFailure what a failed branch does to the fork
   */
  public record Join(Strategy strategy, String score, BranchFailure onBranchFailure) {

    public Join {
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(onBranchFailure, "onBranchFailure");
      if (strategy == Strategy.BEST && score == null) {
        throw new IllegalArgumentException("join strategy best needs a score expression");
      }
    }
  }

  /** Which branch outcome becomes the fork's. */
  public enum Strategy {
    /** Wait for every branch; the output holds every branch's value. */
    ALL,
    /** The first branch to succeed wins; the others are cancelled. */
    FIRST,
    /** Wait for every branch; the one with the highest score wins (ties: the first declared). */
    BEST
  }

  /** What a failed branch does to the fork. */
  public enum BranchFailure {
    /** The fork fails at once and its other branches are cancelled. */
    FAIL,
    /**
     * The failure is recorded in the output's errors; the fork fails only if no branch succeeded.
     */
    IGNORE
  }
}
