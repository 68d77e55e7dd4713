package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A node of a deployed flow: its id, type and the nodes it needs, and the fields of its type (every
 * other field is absent): {@code agent} (task), {@code targets} (decision), {@code max_iterations}
 * and {@code body} (loop), {@code max_concurrency} and {@code body} (foreach), {@code strategy} and
 * {@code branches} (fork), {@code flow} (subflow), {@code approvers} (approval).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowNode(
    String id,
    String type,
    List<String> needs,
    @Nullable String agent,
    @Nullable List<String> targets,
    @JsonProperty("max_iterations") @Nullable Integer maxIterations,
    @JsonProperty("max_concurrency") @Nullable Integer maxConcurrency,
    @Nullable List<FlowNode> body,
    @Nullable String strategy,
    @Nullable Map<String, List<FlowNode>> branches,
    @Nullable String flow,
    @Nullable List<String> approvers) {

  /** Copies {@code needs} so that the record stays immutable; a missing list reads as empty. */
  public FlowNode {
    needs = needs == null ? List.of() : List.copyOf(needs);
  }

  /** A node of {@code type} with no type-specific field. */
  public static FlowNode of(String id, String type, List<String> needs) {
    return new FlowNode(id, type, needs, null, null, null, null, null, null, null, null, null);
  }

  /** A task node calling {@code agent}. */
  public static FlowNode task(String id, List<String> needs, String agent) {
    return of(id, "task", needs).withAgent(agent);
  }

  /** A copy calling {@code agent} (a task node). */
  public FlowNode withAgent(String agent) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }

  /** A copy choosing among {@code targets} (a decision node). */
  public FlowNode withTargets(List<String> targets) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }

  /** A copy repeating {@code body} at most {@code maxIterations} times (a loop node). */
  public FlowNode withLoop(int maxIterations, List<FlowNode> body) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }

  /** A copy running {@code body} per item, {@code maxConcurrency} at a time (a foreach node). */
  public FlowNode withForeach(int maxConcurrency, List<FlowNode> body) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }

  /** A copy running {@code branches} joined by {@code strategy} (a fork node). */
  public FlowNode withFork(String strategy, Map<String, List<FlowNode>> branches) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }

  /** A copy starting a child execution of {@code flow} (a subflow node). */
  public FlowNode withFlow(String flow) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }

  /** A copy waiting for an answer from {@code approvers} (an approval node). */
  public FlowNode withApprovers(List<String> approvers) {
    return new FlowNode(
        id,
        type,
        needs,
        agent,
        targets,
        maxIterations,
        maxConcurrency,
        body,
        strategy,
        branches,
        flow,
        approvers);
  }
}
