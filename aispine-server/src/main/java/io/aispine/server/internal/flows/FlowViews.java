package io.aispine.server.internal.flows;

import io.aispine.api.FlowInput;
import io.aispine.api.FlowNode;
import io.aispine.api.FlowSummary;
import io.aispine.api.FlowVersion;
import io.aispine.api.FlowVersionStatus;
import io.aispine.flow.ApprovalNode;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.Flow;
import io.aispine.flow.ForeachNode;
import io.aispine.flow.ForkNode;
import io.aispine.flow.InputSpec;
import io.aispine.flow.LoopNode;
import io.aispine.flow.Node;
import io.aispine.flow.SubflowNode;
import io.aispine.flow.TaskNode;
import io.aispine.flow.WaitNode;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStatus;
import io.aispine.store.StoredFlow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Flows as the API shows them: {@link FlowSummary} and {@link FlowVersion}. */
final class FlowViews {

  private FlowViews() {}

  static FlowSummary summary(StoredFlow stored, String description, FlowReview review) {
    return new FlowSummary(
        stored.id(),
        stored.version(),
        description,
        stored.createdAt(),
        review == null ? null : status(review.status()));
  }

  /** The gate's record of a version as the API shows it. */
  static io.aispine.api.FlowReview review(FlowReview review) {
    return new io.aispine.api.FlowReview(
        status(review.status()),
        review.author(),
        review.decidedBy(),
        review.decidedAt(),
        review.reason());
  }

  private static FlowVersionStatus status(FlowStatus status) {
    return switch (status) {
      case DRAFT -> FlowVersionStatus.DRAFT;
      case APPROVED -> FlowVersionStatus.APPROVED;
      case REJECTED -> FlowVersionStatus.REJECTED;
    };
  }

  /** The summary plus inputs, nodes, outputs, the YAML source and the gate's record. */
  static FlowVersion version(StoredFlow stored, Flow flow, FlowReview review) {
    Map<String, FlowInput> inputs = new LinkedHashMap<>();
    for (InputSpec input : flow.inputs().values()) {
      inputs.put(
          input.name(),
          new FlowInput(
              input.type().yamlName(),
              input.required(),
              input.defaultValue(),
              input.description()));
    }
    return new FlowVersion(
        stored.id(),
        stored.version(),
        flow.description(),
        stored.createdAt(),
        inputs,
        nodes(flow.nodes()),
        List.copyOf(flow.outputs().keySet()),
        stored.source(),
        review == null ? null : review(review));
  }

  /** The nodes of a list, the bodies of loops, foreach and forks nested under their node. */
  private static List<FlowNode> nodes(List<Node> list) {
    return list.stream().map(FlowViews::node).toList();
  }

  private static FlowNode node(Node node) {
    FlowNode plain = FlowNode.of(node.id(), node.kind(), node.needs());
    return switch (node) {
      case TaskNode task -> plain.withAgent(task.agent());
      case DecisionNode decision -> plain.withTargets(decision.targets());
      case WaitNode wait -> plain;
      case LoopNode loop -> plain.withLoop(loop.maxIterations(), nodes(loop.body()));
      case ForeachNode each -> plain.withForeach(each.maxConcurrency(), nodes(each.body()));
      case ForkNode fork -> {
        Map<String, List<FlowNode>> branches = new LinkedHashMap<>();
        fork.branches().forEach((name, branch) -> branches.put(name, nodes(branch)));
        yield plain.withFork(fork.join().strategy().name().toLowerCase(Locale.ROOT), branches);
      }
      case SubflowNode subflow -> plain.withFlow(subflow.flow());
      case ApprovalNode approval -> plain.withApprovers(approval.approvers());
    };
  }
}
