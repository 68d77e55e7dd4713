package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.ordered;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.execution.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderLifecycleTest {

  @Test
  void start_schedules_every_root_and_knows_every_node() {
    var s = Scenario.of(flow(task("a"), task("b", "a"), task("c")));

    Decision d = s.start();

    assertThat(s.scheduledPaths()).containsExactly("a", "c");
    assertThat(s.state().nodes()).containsOnlyKeys("a", "b", "c");
    assertThat(s.status("b")).isEqualTo(NodeStatus.PENDING);
    assertThat(d.events())
        .extracting(e -> e.type().wireName())
        .containsExactly("execution.started", "node.scheduled", "node.scheduled");
    assertThat(d.events()).extracting(ExecutionEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(d.runs()).hasSize(2).allMatch(RunChange.Scheduled.class::isInstance);
    var run = s.runTasks().get(0);
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.runAt()).isEqualTo(Scenario.T0);
    assertThat(run.lease()).isEqualTo(s.node("a").lease()).isPositive();
  }

  @Test
  void runs_a_chain_to_success_and_evaluates_the_outputs() {
    var s =
        Scenario.of(
            flow(
                Map.of("result", "${nodes.c.output.v}", "n", "${inputs.n}"),
                task("a"),
                task("b", "a"),
                task("c", "b")),
            Map.of("n", 7));
    s.start();
    s.run("a", Map.of("v", 1));
    assertThat(s.scheduledPaths()).containsExactly("b");
    s.run("b", Map.of("v", 2));
    s.advance(Duration.ofSeconds(1)).run("c", Map.of("v", 3));

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.state().outputs()).isEqualTo(Map.of("result", 3, "n", 7));
    assertThat(s.state().finishedAt()).isEqualTo(s.now());
    assertThat(s.eventsOf(null)).containsExactly("execution.started", "execution.completed");
    assertThat(s.eventsOf("b")).containsExactly("node.scheduled", "node.started", "node.completed");
    assertThat(s.history())
        .extracting(ExecutionEvent::seq)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, s.history().size()).boxed().toList());
  }

  @Test
  void completion_records_output_usage_and_duration() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    var node = s.node("a");
    var usage = new Usage("gpt", 10, 5, 0.01);

    Decision d =
        s.apply(
            new Fact.NodeSucceeded(
                "ex_test",
                "a",
                1,
                node.lease(),
                s.now(),
                Map.of("x", 1),
                usage,
                Duration.ofMillis(42)));

    var completed = d.events().get(0);
    assertThat(completed.type()).isEqualTo(EventType.NODE_COMPLETED);
    assertThat(completed.data())
        .containsEntry("output", Map.of("x", 1))
        .containsEntry("duration_ms", 42L)
        .containsEntry(
            "usage",
            ordered("model", "gpt", "input_tokens", 10L, "output_tokens", 5L, "cost_usd", 0.01));
    assertThat(d.runs())
        .singleElement()
        .isEqualTo(
            new RunChange.Finished(
                "ex_test", "a", 1, NodeStatus.SUCCEEDED, Map.of("x", 1), null, usage, s.now()));
  }

  @Test
  void resolves_task_input_from_inputs_upstream_outputs_and_execution() {
    var with =
        ordered(
            "name", "${inputs.name}",
            "up", "${nodes.a.output.x}",
            "text", "Hi ${inputs.name} from ${execution.flow}@${execution.version}",
            "ex", "${execution.id}",
            "status", "${nodes.a.status}",
            "list", List.of("${inputs.name}", 1));
    var s = Scenario.of(flow(task("a"), task("b", with, "a")), Map.of("name", "Ada"));
    s.start();

    s.run("a", Map.of("x", 41));

    Object expected =
        ordered(
            "name", "Ada",
            "up", 41,
            "text", "Hi Ada from test-flow@1.0.0",
            "ex", "ex_test",
            "status", "succeeded",
            "list", List.of("Ada", 1));
    assertThat(s.runTasks().get(0).input()).isEqualTo(expected);
    assertThat(((RunChange.Scheduled) s.last().runs().get(1)).input()).isEqualTo(expected);
  }

  @Test
  void template_error_fails_the_node_permanently_without_calling_the_agent() {
    // Unknown names are rejected when a flow is parsed; what is left at run time are evaluation
    // errors such as arithmetic on bad values.
    var s = Scenario.of(flow(task("a", Map.of("x", "${1 / 0}"))));

    Decision d = s.start();

    assertThat(d.commands()).isEmpty();
    assertThat(d.runs()).isEmpty();
    assertThat(s.status("a")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("a").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("a").error().retryable()).isFalse();
    assertThat(s.node("a").error().message()).contains("1 / 0");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void an_unhandled_failure_fails_the_execution_once_the_other_branches_end() {
    var s = Scenario.of(flow(task("a"), task("b")));
    s.start();

    s.runAndFail("a", ErrorInfo.permanent("AGENT_ERROR", "bad input"));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.RUNNING);
    s.run("b", Map.of());

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.state().error()).isEqualTo(ErrorInfo.permanent("AGENT_ERROR", "bad input"));
    var failed = s.history().get(s.history().size() - 1);
    assertThat(failed.type()).isEqualTo(EventType.EXECUTION_FAILED);
    assertThat(failed.data()).containsEntry("node", "a");
  }

  @Test
  void an_output_template_error_fails_the_execution() {
    var s = Scenario.of(flow(Map.of("x", "${nodes.a.output.v + unknown}"), task("a")));
    s.start();

    s.run("a", Map.of("v", 1));

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.state().error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.state().outputs()).isEmpty();
    assertThat(s.eventsOf(null)).endsWith("execution.failed");
  }

  @Test
  void a_flow_without_nodes_succeeds_at_once() {
    var s = Scenario.of(flow(Map.of("k", "v")));

    s.start();

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.state().outputs()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void rejects_a_second_start() {
    var s = Scenario.of(flow(task("a")));
    s.start();

    assertThat(s.start().rejection()).contains("already started");
  }

  @Test
  void rejects_facts_for_a_finished_execution() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.run("a", 1);

    assertThat(s.fireTimer("a").rejection()).contains("already succeeded");
    assertThat(s.cancel("late").rejection()).contains("already succeeded");
  }

  @Test
  void rejects_facts_about_unknown_nodes_or_other_executions() {
    var s = Scenario.of(flow(task("a")));
    s.start();

    assertThat(s.fireTimer("nope").rejection()).contains("no node 'nope'");
    assertThat(s.apply(new Fact.TimerFired("ex_other", "a", s.now())).rejection())
        .contains("ex_other");
  }
}
