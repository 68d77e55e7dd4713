package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.decision;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.flow.TriggerRule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderDecisionNodeTest {

  private static Flow scoring() {
    return flow(
        Map.of("path", "${nodes.route.output.branch}"),
        decision(
            "route",
            List.of(when("inputs.score >= 0.9", "high"), when("inputs.score >= 0.5", "mid")),
            List.of("low")),
        task("high"),
        task("mid"),
        task("low"),
        task("join", TriggerRule.ONE_SUCCESS, "high", "mid", "low"));
  }

  @Test
  void takes_the_first_branch_whose_condition_holds() {
    var s = Scenario.of(scoring(), Map.of("score", 0.95));

    Decision d = s.start();

    assertThat(s.node("route").output()).isEqualTo(output("high", "high"));
    assertThat(s.scheduledPaths()).containsExactly("high");
    assertThat(s.node("mid").reason()).isEqualTo("not_activated");
    assertThat(s.node("low").reason()).isEqualTo("not_activated");
    assertThat(d.events())
        .filteredOn(e -> "route".equals(e.nodePath()))
        .extracting(e -> e.type().wireName())
        .containsExactly("decision.taken", "node.completed");
    s.run("high", Map.of());
    s.run("join", Map.of());
    assertThat(s.state().outputs()).isEqualTo(Map.of("path", "high"));
  }

  @Test
  void takes_a_later_branch_when_an_earlier_condition_fails() {
    var s = Scenario.of(scoring(), Map.of("score", 0.6));

    s.start();

    assertThat(s.scheduledPaths()).containsExactly("mid");
  }

  @Test
  void takes_otherwise_when_no_condition_holds() {
    var s = Scenario.of(scoring(), Map.of("score", 0.1));

    s.start();

    assertThat(s.node("route").output()).isEqualTo(output("low", "low"));
    assertThat(s.scheduledPaths()).containsExactly("low");
  }

  @Test
  void an_empty_otherwise_activates_nothing() {
    var s = Scenario.of(flow(decision("route", List.of(when("false", "x")), List.of()), task("x")));

    s.start();

    assertThat(s.node("route").output()).isEqualTo(output(null));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void a_branch_may_activate_several_nodes() {
    var s =
        Scenario.of(
            flow(
                decision("route", List.of(when("true", "x", "y")), List.of("z")),
                task("x"),
                task("y"),
                task("z")));

    s.start();

    assertThat(s.node("route").output()).isEqualTo(output("x", "x", "y"));
    assertThat(s.scheduledPaths()).containsExactly("x", "y");
  }

  @Test
  void conditions_see_upstream_outputs_and_the_decision_waits_for_its_parents() {
    var s =
        Scenario.of(
            flow(
                task("check"),
                decision(
                    "route", List.of(when("nodes.check.output.ok", "yes")), List.of("no"), "check"),
                task("yes"),
                task("no")));
    s.start();
    assertThat(s.status("route")).isEqualTo(NodeStatus.PENDING);

    s.run("check", Map.of("ok", false));

    assertThat(s.scheduledPaths()).containsExactly("no");
  }

  @Test
  void a_failing_condition_fails_the_decision_and_skips_its_targets() {
    var s =
        Scenario.of(
            flow(
                decision("route", List.of(when("inputs.name", "x")), List.of("y")),
                task("x"),
                task("y")),
            Map.of("name", "Ada"));

    s.start();

    assertThat(s.status("route")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("route").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("route").error().message()).contains("must be true or false");
    assertThat(s.node("x").reason()).isEqualTo("not_activated");
    assertThat(s.node("y").reason()).isEqualTo("not_activated");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void a_join_with_none_failed_runs_after_the_branch_taken() {
    var s =
        Scenario.of(
            flow(
                decision("route", List.of(when("true", "a")), List.of("b")),
                task("a"),
                task("b"),
                task("join", TriggerRule.NONE_FAILED, "a", "b")));
    s.start();

    s.run("a", Map.of());

    assertThat(s.status("b")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.status("join")).isEqualTo(NodeStatus.SCHEDULED);
  }

  private static Map<String, Object> output(String branch, String... targets) {
    var map = new HashMap<String, Object>();
    map.put("branch", branch);
    map.put("targets", Arrays.asList(targets));
    return map;
  }
}
