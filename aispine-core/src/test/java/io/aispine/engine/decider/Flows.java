package io.aispine.engine.decider;

import io.aispine.flow.ApprovalNode;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowVersion;
import io.aispine.flow.InputSpec;
import io.aispine.flow.Node;
import io.aispine.flow.NodeOptions;
import io.aispine.flow.RetryPolicy;
import io.aispine.flow.SourceLocation;
import io.aispine.flow.TaskNode;
import io.aispine.flow.TriggerRule;
import io.aispine.flow.WaitNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds flows in code for tests, the way the parser would produce them. */
public final class Flows {

  private Flows() {}

  public static Flow flow(Node... nodes) {
    return flow(Map.of(), nodes);
  }

  public static Flow flow(Map<String, Object> outputs, Node... nodes) {
    return new Flow(
        "test-flow", FlowVersion.parse("1.0.0"), "", Map.of(), List.of(nodes), outputs, "");
  }

  public static Flow flowWithInputs(Map<String, InputSpec> inputs, Node... nodes) {
    return new Flow(
        "test-flow", FlowVersion.parse("1.0.0"), "", inputs, List.of(nodes), Map.of(), "");
  }

  public static TaskNode task(String id, String... needs) {
    return task(id, TriggerRule.ALL_SUCCESS, NodeOptions.DEFAULT, Map.of(), needs);
  }

  public static TaskNode task(String id, TriggerRule rule, String... needs) {
    return task(id, rule, NodeOptions.DEFAULT, Map.of(), needs);
  }

  public static TaskNode task(String id, NodeOptions options, String... needs) {
    return task(id, TriggerRule.ALL_SUCCESS, options, Map.of(), needs);
  }

  public static TaskNode task(String id, Map<String, Object> with, String... needs) {
    return task(id, TriggerRule.ALL_SUCCESS, NodeOptions.DEFAULT, with, needs);
  }

  public static TaskNode task(
      String id, TriggerRule rule, NodeOptions options, Map<String, Object> with, String... needs) {
    return new TaskNode(
        id, List.of(needs), rule, options, SourceLocation.UNKNOWN, "echo", "run", with);
  }

  public static DecisionNode decision(
      String id, List<DecisionNode.Branch> when, List<String> otherwise, String... needs) {
    return new DecisionNode(
        id,
        List.of(needs),
        TriggerRule.ALL_SUCCESS,
        NodeOptions.DEFAULT,
        SourceLocation.UNKNOWN,
        when,
        otherwise);
  }

  public static DecisionNode.Branch when(String condition, String... then) {
    return new DecisionNode.Branch(condition, List.of(then), SourceLocation.UNKNOWN);
  }

  public static WaitNode waitFor(String id, Duration duration, String... needs) {
    return waitNode(id, duration, null, NodeOptions.DEFAULT, needs);
  }

  public static WaitNode waitUntil(String id, String until, String... needs) {
    return waitNode(id, null, until, NodeOptions.DEFAULT, needs);
  }

  public static WaitNode waitNode(
      String id, Duration duration, String until, NodeOptions options, String... needs) {
    return new WaitNode(
        id,
        List.of(needs),
        TriggerRule.ALL_SUCCESS,
        options,
        SourceLocation.UNKNOWN,
        duration,
        until);
  }

  public static ApprovalNode approval(
      String id,
      String message,
      Duration timeout,
      ApprovalNode.OnTimeout onTimeout,
      String... needs) {
    return approval(id, message, timeout, onTimeout, NodeOptions.DEFAULT, needs);
  }

  public static ApprovalNode approval(
      String id,
      String message,
      Duration timeout,
      ApprovalNode.OnTimeout onTimeout,
      NodeOptions options,
      String... needs) {
    return new ApprovalNode(
        id,
        List.of(needs),
        TriggerRule.ALL_SUCCESS,
        new NodeOptions(RetryPolicy.NONE, timeout, options.onError(), options.continueOnError()),
        SourceLocation.UNKNOWN,
        message,
        List.of("operator"),
        onTimeout);
  }

  /** Up to {@code maxAttempts} attempts, exponential from {@code initial}, doubling, no jitter. */
  public static RetryPolicy retry(int maxAttempts, Duration initial) {
    return new RetryPolicy(
        maxAttempts,
        RetryPolicy.Backoff.EXPONENTIAL,
        initial,
        Duration.ofMinutes(1),
        2.0,
        RetryPolicy.Jitter.NONE);
  }

  public static NodeOptions retrying(RetryPolicy retry) {
    return new NodeOptions(retry, null, null, false);
  }

  public static NodeOptions onError(String fallback) {
    return new NodeOptions(RetryPolicy.NONE, null, fallback, false);
  }

  public static NodeOptions continueOnError() {
    return new NodeOptions(RetryPolicy.NONE, null, null, true);
  }

  public static NodeOptions timeout(Duration timeout) {
    return new NodeOptions(RetryPolicy.NONE, timeout, null, false);
  }

  /** An ordered map literal, for outputs and inputs whose order matters. */
  public static Map<String, Object> ordered(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
