package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.Usage;
import io.aispine.flow.FlowParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderLoopTest {

  private static final String REFINE =
      """
      id: refine
      version: 1.0.0
      nodes:
        - id: refine
          type: loop
          max_iterations: 4
          until: "nodes.score.output.value >= 0.9"
          body:
            - id: draft
              agent: echo
              with: {iteration: "${loop.iteration}", earlier: "${loop.outputs}"}
            - id: score
              agent: echo
              needs: draft
        - id: publish
          agent: echo
          needs: refine
          with: {text: "${nodes.refine.output.output.value}"}
      """;

  @Test
  void runs_iterations_one_after_the_other_under_their_own_paths_until_the_condition_holds() {
    var s = Scenario.of(FlowParser.parse(REFINE, "refine.yaml"));

    s.start();
    assertThat(s.status("refine")).isEqualTo(NodeStatus.RUNNING);
    assertThat(s.scheduledPaths()).containsExactly("refine/1/draft");
    assertThat(s.runTasks().get(0).input()).isEqualTo(Map.of("iteration", 1, "earlier", List.of()));

    s.run("refine/1/draft", Map.of("text", "v1"));
    assertThat(s.scheduledPaths()).containsExactly("refine/1/score");
    s.run("refine/1/score", Map.of("value", 0.5));

    assertThat(s.scheduledPaths()).containsExactly("refine/2/draft");
    assertThat(s.runTasks().get(0).input())
        .isEqualTo(Map.of("iteration", 2, "earlier", List.of(Map.of("value", 0.5))));
    s.run("refine/2/draft", Map.of("text", "v2"));
    s.run("refine/2/score", Map.of("value", 0.95));

    assertThat(s.status("refine")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("refine").output())
        .isEqualTo(
            Map.of(
                "iterations",
                2,
                "output",
                Map.of("value", 0.95),
                "outputs",
                List.of(Map.of("value", 0.5), Map.of("value", 0.95)),
                "exhausted",
                false));
    assertThat(s.scheduledPaths()).containsExactly("publish");
    assertThat(s.runTasks().get(0).input()).isEqualTo(Map.of("text", 0.95));
    assertThat(s.eventsOf("refine"))
        .containsExactly(
            "node.started",
            "loop.iteration_started",
            "loop.iteration_completed",
            "loop.iteration_started",
            "loop.iteration_completed",
            "node.completed");
  }

  @Test
  void fails_at_max_iterations_unless_told_to_continue() {
    String failing = REFINE.replace("max_iterations: 4", "max_iterations: 2");
    var s = Scenario.of(FlowParser.parse(failing, "refine.yaml"));
    s.start();
    for (int i = 1; i <= 2; i++) {
      s.run("refine/" + i + "/draft", Map.of());
      s.run("refine/" + i + "/score", Map.of("value", 0.1));
    }
    assertThat(s.status("refine")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("refine").error().code()).isEqualTo("LOOP_MAX_ITERATIONS");
    assertThat(s.status("publish")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    var lenient =
        Scenario.of(
            FlowParser.parse(
                failing.replace("max_iterations: 2", "max_iterations: 2\n    on_max: continue"),
                "refine.yaml"));
    lenient.start();
    for (int i = 1; i <= 2; i++) {
      lenient.run("refine/" + i + "/draft", Map.of());
      lenient.run("refine/" + i + "/score", Map.of("value", 0.1));
    }
    assertThat(lenient.status("refine")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(lenient.node("refine").output()).extracting("exhausted").isEqualTo(true);
  }

  @Test
  void break_if_is_checked_before_each_iteration() {
    var flow =
        FlowParser.parse(
            """
            id: countdown
            version: 1.0.0
            inputs:
              n: {type: integer}
            nodes:
              - id: tick
                type: loop
                max_iterations: 10
                break_if: "loop.iteration > inputs.n"
                body:
                  - id: step
                    agent: echo
                    with: {i: "${loop.iteration}"}
            """,
            "countdown.yaml");
    var none = Scenario.of(flow, Map.of("n", 0));
    none.start();
    assertThat(none.status("tick")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(none.node("tick").output()).extracting("iterations").isEqualTo(0);
    assertThat(none.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    var two = Scenario.of(flow, Map.of("n", 2));
    two.start();
    two.run("tick/1/step", Map.of("i", 1));
    two.run("tick/2/step", Map.of("i", 2));
    assertThat(two.status("tick")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(two.node("tick").output()).extracting("iterations").isEqualTo(2);
    assertThat(two.node("tick").output())
        .extracting("outputs")
        .isEqualTo(List.of(Map.of("i", 1), Map.of("i", 2)));
  }

  @Test
  void a_failed_node_fails_its_iteration_and_the_loop_with_the_node_named() {
    var s = Scenario.of(FlowParser.parse(REFINE, "refine.yaml"));
    s.start();
    s.runAndFail("refine/1/draft", ErrorInfo.permanent("LLM_DOWN", "model unavailable"));

    assertThat(s.status("refine/1/score")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.status("refine")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("refine").error().code()).isEqualTo("LLM_DOWN");
    assertThat(s.node("refine").error().message())
        .contains("iteration 1", "refine/1/draft", "model unavailable");
  }

  @Test
  void loops_nest_and_each_instance_has_its_own_path() {
    var flow =
        FlowParser.parse(
            """
            id: nested
            version: 1.0.0
            nodes:
              - id: outer
                type: loop
                max_iterations: 2
                body:
                  - id: inner
                    type: loop
                    max_iterations: 2
                    body:
                      - id: work
                        agent: echo
                        with: {at: "${loop.iteration}"}
            """,
            "nested.yaml");
    var s = Scenario.of(flow);
    s.start();
    assertThat(s.scheduledPaths()).containsExactly("outer/1/inner/1/work");
    s.run("outer/1/inner/1/work", "a");
    s.run("outer/1/inner/2/work", "b");
    assertThat(s.status("outer/1/inner")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.scheduledPaths()).containsExactly("outer/2/inner/1/work");
    s.run("outer/2/inner/1/work", "c");
    s.run("outer/2/inner/2/work", "d");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.node("outer").output()).extracting("iterations").isEqualTo(2);
    @SuppressWarnings("unchecked")
    var last = (Map<String, Object>) ((Map<String, Object>) s.node("outer").output()).get("output");
    assertThat(last).containsEntry("outputs", List.of("c", "d"));
  }

  @Test
  void cancelling_the_execution_cancels_the_running_iteration() {
    var s = Scenario.of(FlowParser.parse(REFINE, "refine.yaml"));
    s.start();
    s.claim("refine/1/draft");
    Decision cancelled = s.cancel("stop");

    assertThat(s.status("refine")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(s.status("refine/1/draft")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(s.status("refine/1/score")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(cancelled.commands()).containsExactly(new Command.CancelTask("refine/1/draft"));
  }

  @Test
  void a_retried_execution_runs_a_failed_loop_again_with_new_attempt_numbers() {
    var s = Scenario.of(FlowParser.parse(REFINE, "refine.yaml"));
    s.start();
    s.run("refine/1/draft", "v1");
    s.runAndFail("refine/1/score", ErrorInfo.permanent("BAD", "scorer crashed"));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    s.retry();

    assertThat(s.status("refine")).isEqualTo(NodeStatus.RUNNING);
    assertThat(s.scheduledPaths()).containsExactly("refine/1/draft");
    assertThat(s.runTasks().get(0).attempt()).isEqualTo(2);
    s.run("refine/1/draft", "v1 again");
    s.run("refine/1/score", Map.of("value", 1.0));
    assertThat(s.status("refine")).isEqualTo(NodeStatus.SUCCEEDED);
    s.run("publish", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void an_attempt_fact_about_a_running_container_is_rejected() {
    var s = Scenario.of(FlowParser.parse(REFINE, "refine.yaml"));
    s.start();
    Decision d =
        s.apply(
            new Fact.NodeSucceeded(
                "ex_test", "refine", 0, 0, s.now(), Map.of(), Usage.NONE, java.time.Duration.ZERO));
    assertThat(d.isRejected()).isTrue();
    assertThat(
            s.apply(new Fact.NodeStarted("ex_test", "refine/9/draft", 1, 1, s.now())).rejection())
        .contains("has no node");
  }
}
