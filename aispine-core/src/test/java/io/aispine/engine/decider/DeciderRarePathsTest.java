package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.timeout;
import static io.aispine.engine.decider.Flows.waitNode;
import static io.aispine.engine.decider.Flows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.FlowParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decider's less travelled paths, each found unexercised by the coverage gate: a subflow's
 * attempt, waits whose end is not a duration, a container whose expression fails while it runs, a
 * body with several ends, a resume nobody waits for.
 */
class DeciderRarePathsTest {

  @Test
  void schedules_a_subflow_attempt_on_the_engines_own_agent_naming_the_child_flow() {
    var s =
        Scenario.of(
            FlowParser.parse(
                """
                id: parent
                version: 1.0.0
                inputs:
                  n: {type: integer}
                nodes:
                  - id: child
                    type: subflow
                    flow: minimal@^1.0
                    with: {n: "${inputs.n}"}
                """,
                "parent.yaml"),
            Map.of("n", 7));

    Decision started = s.start();

    assertThat(s.runTasks())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.agent()).isEqualTo("aispine:subflow");
              assertThat(run.action()).isEqualTo("minimal@^1.0");
              assertThat(run.input()).isEqualTo(Map.of("n", 7));
              assertThat(run.fallback()).isNull();
            });
    assertThat(started.events())
        .filteredOn(e -> e.type() == EventType.NODE_SCHEDULED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.data())
                    .isEqualTo(Map.of("agent", "aispine:subflow", "flow", "minimal@^1.0")));

    s.run("child", Map.of("execution", "ex_child", "outputs", Map.of("n", 7)));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void waits_until_an_instant_that_an_in_process_agent_returned_as_is() {
    Instant deadline = Scenario.T0.plus(Duration.ofHours(2));
    var s = Scenario.of(flow(task("plan"), waitUntil("w", "${nodes.plan.output.at}", "plan")));
    s.start();

    Decision planned = s.run("plan", Map.of("at", deadline));

    assertThat(planned.commands()).contains(new Command.StartTimer("w", deadline));
    assertThat(s.node("w").output()).isEqualTo(Map.of("until", deadline.toString()));
  }

  @Test
  void fails_a_wait_whose_until_yields_no_text_naming_the_value() {
    var s = Scenario.of(flow(waitUntil("w", "${inputs.deadline}")), Map.of("deadline", 42));

    s.start();

    assertThat(s.status("w")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("w").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("w").error().message())
        .contains("wait 'w': until must be an ISO-8601 instant, was 42");
  }

  @Test
  void a_wait_that_ends_before_its_timeout_fires_at_its_end_and_succeeds() {
    var s =
        Scenario.of(flow(waitNode("w", Duration.ofMinutes(1), null, timeout(Duration.ofHours(1)))));

    Decision started = s.start();
    Instant end = Scenario.T0.plus(Duration.ofMinutes(1));
    assertThat(started.commands()).containsExactly(new Command.StartTimer("w", end));

    s.at(end).fireTimer("w");

    assertThat(s.status("w")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("w").output()).isEqualTo(Map.of("waited_until", end.toString()));
  }

  @Test
  void a_cancel_without_a_reason_is_recorded_as_cancelled() {
    for (String reason : new String[] {null, "  "}) {
      var s = Scenario.of(flow(task("a")));
      s.start();

      s.cancel(reason);

      assertThat(s.state().status()).isEqualTo(ExecutionStatus.CANCELLED);
      assertThat(s.node("a").reason()).isEqualTo("cancelled");
      assertThat(s.history().get(s.history().size() - 1).data())
          .isEqualTo(Map.of("reason", "cancelled"));
    }
  }

  @Test
  void rejects_a_resume_of_a_node_that_no_guard_holds_back() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");

    Decision resumed = s.resume("a");

    assertThat(resumed.isRejected()).isTrue();
    assertThat(resumed.rejection())
        .isEqualTo(
            "resume of node 'a' attempt 1 that does not wait: the node is running at attempt 1");
  }

  @Test
  void fails_a_foreach_whose_items_expression_fails_to_evaluate() {
    var s =
        Scenario.of(FlowParser.parse(foreach("${inputs.n / 0}", null), "f.yaml"), Map.of("n", 1));

    s.start();

    assertThat(s.status("each")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("each").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void fails_a_foreach_whose_output_template_fails_once_its_items_are_done() {
    var s =
        Scenario.of(
            FlowParser.parse(foreach("${inputs.xs}", "${inputs.n / 0}"), "f.yaml"),
            Map.of("xs", List.of(1), "n", 1));
    s.start();

    s.run("each/0/work", Map.of("v", 1));

    assertThat(s.status("each")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("each").error().code()).isEqualTo("EXPRESSION_ERROR");
  }

  @Test
  void fails_a_loop_whose_break_if_fails_before_the_first_iteration() {
    var s =
        Scenario.of(
            FlowParser.parse(loop(3, "break_if: \"inputs.n / 0 > 1\""), "l.yaml"), Map.of("n", 1));

    s.start();

    assertThat(s.status("rounds")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("rounds").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("rounds/1/first").status()).isEqualTo(NodeStatus.PENDING);
  }

  @Test
  void fails_a_loop_whose_until_fails_after_an_iteration() {
    var s =
        Scenario.of(
            FlowParser.parse(loop(3, "until: \"inputs.n / 0 > 1\""), "l.yaml"), Map.of("n", 1));
    s.start();

    s.run("rounds/1/first", Map.of("v", 1));
    s.run("rounds/1/second", Map.of("w", 2));

    assertThat(s.status("rounds")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("rounds").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void an_iteration_with_several_ends_yields_the_output_of_each_by_id() {
    var s = Scenario.of(FlowParser.parse(loop(1, ""), "l.yaml"));
    s.start();

    s.run("rounds/1/first", Map.of("v", 1));
    s.run("rounds/1/second", Map.of("w", 2));

    assertThat(s.status("rounds")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("rounds").output())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry(
            "outputs", List.of(Map.of("first", Map.of("v", 1), "second", Map.of("w", 2))));
  }

  /** A foreach over {@code items} whose body is one task; {@code output} when not null. */
  private static String foreach(String items, String output) {
    return """
        id: each
        version: 1.0.0
        inputs:
          xs: {type: array}
          n: {type: integer}
        nodes:
          - id: each
            type: foreach
            items: "%s"
        %s    body:
              - {id: work, agent: echo}
        """
        .formatted(items, output == null ? "" : "    output: \"" + output + "\"\n");
  }

  /** A loop whose body has two independent ends, {@code first} and {@code second}. */
  private static String loop(int maxIterations, String setting) {
    return """
        id: rounds
        version: 1.0.0
        inputs:
          n: {type: integer}
        nodes:
          - id: rounds
            type: loop
            max_iterations: %d
            %s
            body:
              - {id: first, agent: echo}
              - {id: second, agent: echo}
        """
        .formatted(maxIterations, setting);
  }
}
