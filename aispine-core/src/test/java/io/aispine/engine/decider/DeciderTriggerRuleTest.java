package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.continueOnError;
import static io.aispine.engine.decider.Flows.decision;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.onError;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Node;
import io.aispine.flow.NodeOptions;
import io.aispine.flow.TriggerRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every trigger rule against parents that succeeded, failed (handled or not) or were skipped. */
class DeciderTriggerRuleTest {

  /**
   * How a parent ends: S succeeded, F failed unhandled, C continue_on_error, H on_error, K skipped.
   */
  enum Outcome {
    S,
    F,
    C,
    H,
    K
  }

  @ParameterizedTest(name = "{0} with parents {1},{2} -> {3} {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "ALL_SUCCESS, S, S, SCHEDULED, -",
        "ALL_SUCCESS, S, F, SKIPPED, upstream_failed",
        "ALL_SUCCESS, S, K, SKIPPED, upstream_skipped",
        "ALL_SUCCESS, C, S, SCHEDULED, -",
        "ALL_SUCCESS, H, S, SKIPPED, upstream_failed",
        "ALL_DONE, S, F, SCHEDULED, -",
        "ALL_DONE, K, F, SCHEDULED, -",
        "ALL_DONE, K, K, SCHEDULED, -",
        "ONE_SUCCESS, F, S, SCHEDULED, -",
        "ONE_SUCCESS, K, C, SCHEDULED, -",
        "ONE_SUCCESS, F, F, SKIPPED, upstream_failed",
        "ONE_SUCCESS, F, K, SKIPPED, upstream_failed",
        "ONE_SUCCESS, K, K, SKIPPED, upstream_skipped",
        "NONE_FAILED, S, K, SCHEDULED, -",
        "NONE_FAILED, K, K, SCHEDULED, -",
        "NONE_FAILED, C, K, SCHEDULED, -",
        "NONE_FAILED, S, F, SKIPPED, upstream_failed",
        "NONE_FAILED, H, S, SKIPPED, upstream_failed",
      })
  void trigger_rule_decides_from_parent_outcomes(
      TriggerRule rule, Outcome first, Outcome second, NodeStatus expected, String reason) {
    var s = Scenario.of(flowWith(rule, first, second));
    s.start();
    end(s, "p1", first);
    end(s, "p2", second);

    assertThat(s.status("child")).isEqualTo(expected);
    assertThat(s.node("child").reason()).isEqualTo(reason);
  }

  @Test
  void all_success_skips_as_soon_as_one_parent_fails() {
    var s = Scenario.of(flowWith(TriggerRule.ALL_SUCCESS, Outcome.F, Outcome.S));
    s.start();

    end(s, "p1", Outcome.F);

    assertThat(s.status("p2")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.status("child")).isEqualTo(NodeStatus.SKIPPED);
  }

  @Test
  void one_success_runs_as_soon_as_one_parent_succeeds() {
    var s = Scenario.of(flowWith(TriggerRule.ONE_SUCCESS, Outcome.S, Outcome.S));
    s.start();

    end(s, "p1", Outcome.S);

    assertThat(s.status("p2")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.status("child")).isEqualTo(NodeStatus.SCHEDULED);
  }

  @Test
  void a_parent_that_ends_while_its_one_success_child_runs_leaves_the_child_running() {
    var s = Scenario.of(flowWith(TriggerRule.ONE_SUCCESS, Outcome.S, Outcome.S));
    s.start();
    end(s, "p1", Outcome.S);
    s.claim("child");

    end(s, "p2", Outcome.S);

    assertThat(s.status("child")).isEqualTo(NodeStatus.RUNNING);
    assertThat(s.succeed("child", Map.of()).isRejected()).isFalse();
    assertThat(s.status("child")).isEqualTo(NodeStatus.SUCCEEDED);
  }

  @Test
  void all_done_and_none_failed_wait_for_every_parent() {
    for (TriggerRule rule : List.of(TriggerRule.ALL_DONE, TriggerRule.NONE_FAILED)) {
      var s = Scenario.of(flowWith(rule, Outcome.S, Outcome.S));
      s.start();

      end(s, "p1", Outcome.S);
      assertThat(s.status("child")).as("%s", rule).isEqualTo(NodeStatus.PENDING);
      end(s, "p2", Outcome.S);
      assertThat(s.status("child")).as("%s", rule).isEqualTo(NodeStatus.SCHEDULED);
    }
  }

  @Test
  void none_failed_skips_once_a_parent_failed_without_waiting_for_the_others() {
    var s = Scenario.of(flowWith(TriggerRule.NONE_FAILED, Outcome.F, Outcome.S));
    s.start();

    end(s, "p1", Outcome.F);

    assertThat(s.status("child")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.node("child").reason()).isEqualTo("upstream_failed");
  }

  /**
   * Parents p1 and p2 (roots, or targets of a decision that takes no branch when skipped), a
   * fallback for handled failures, and the child under test.
   */
  private static io.aispine.flow.Flow flowWith(TriggerRule rule, Outcome first, Outcome second) {
    var nodes = new ArrayList<Node>();
    var skipped = new ArrayList<String>();
    if (first == Outcome.K) {
      skipped.add("p1");
    }
    if (second == Outcome.K) {
      skipped.add("p2");
    }
    if (!skipped.isEmpty()) {
      nodes.add(
          decision("gate", List.of(when("false", skipped.toArray(String[]::new))), List.of()));
    }
    nodes.add(task("p1", options(first)));
    nodes.add(task("p2", options(second)));
    nodes.add(task("fallback"));
    nodes.add(task("child", rule, "p1", "p2"));
    return flow(nodes.toArray(Node[]::new));
  }

  private static NodeOptions options(Outcome outcome) {
    return switch (outcome) {
      case C -> continueOnError();
      case H -> onError("fallback");
      case S, F, K -> NodeOptions.DEFAULT;
    };
  }

  private static void end(Scenario s, String parent, Outcome outcome) {
    switch (outcome) {
      case S -> s.run(parent, Map.of());
      case F, C, H -> s.runAndFail(parent, ErrorInfo.permanent("AGENT_ERROR", "no"));
      case K -> assertThat(s.status(parent)).isEqualTo(NodeStatus.SKIPPED);
    }
  }
}
