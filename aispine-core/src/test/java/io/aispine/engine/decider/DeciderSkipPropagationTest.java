package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.decision;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.TriggerRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderSkipPropagationTest {

  @Test
  void a_failure_skips_the_whole_chain_below_it_in_one_decision() {
    var s = Scenario.of(flow(task("a"), task("b", "a"), task("c", "b"), task("d", "c")));
    s.start();

    Decision d = s.runAndFail("a", ErrorInfo.permanent("AGENT_ERROR", "no"));

    assertThat(s.node("b").reason()).isEqualTo("upstream_failed");
    assertThat(s.node("c").reason()).isEqualTo("upstream_skipped");
    assertThat(s.node("d").reason()).isEqualTo("upstream_skipped");
    assertThat(d.events())
        .extracting(e -> e.type().wireName() + " " + (e.nodePath() == null ? "" : e.nodePath()))
        .containsExactly(
            "node.failed a",
            "node.skipped b",
            "node.skipped c",
            "node.skipped d",
            "execution.failed ");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void propagation_stops_at_an_all_done_join_which_runs() {
    var s =
        Scenario.of(
            flow(
                task("a"),
                task("b", "a"),
                task("other"),
                task("join", TriggerRule.ALL_DONE, "b", "other"),
                task("after", "join")));
    s.start();
    s.runAndFail("a", ErrorInfo.permanent("AGENT_ERROR", "no"));
    assertThat(s.status("join")).isEqualTo(NodeStatus.PENDING);

    s.run("other", Map.of());

    assertThat(s.status("join")).isEqualTo(NodeStatus.SCHEDULED);
    s.run("join", Map.of());
    s.run("after", Map.of());
    // the unhandled failure of a still fails the execution, after everything ran
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void a_skipped_branch_does_not_hold_up_a_parallel_branch() {
    var s =
        Scenario.of(
            flow(
                decision("gate", List.of(when("false", "left")), List.of()),
                task("left"),
                task("left2", "left"),
                task("right"),
                task("right2", "right")));

    s.start();
    assertThat(s.status("left2")).isEqualTo(NodeStatus.SKIPPED);
    s.run("right", Map.of());
    s.run("right2", Map.of());

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void a_skipped_parent_skips_a_node_that_was_activated() {
    var s =
        Scenario.of(
            flow(
                task("a"),
                decision("gate", List.of(when("true", "target")), List.of()),
                task("target", "a")));
    s.start();

    s.runAndFail("a", ErrorInfo.permanent("AGENT_ERROR", "no"));

    assertThat(s.status("target")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.node("target").reason()).isEqualTo("upstream_failed");
  }
}
