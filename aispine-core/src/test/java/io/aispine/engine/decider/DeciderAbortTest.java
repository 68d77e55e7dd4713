package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Fact.ExecutionAborted}: what the runtime decides when it cannot apply or store what
 * happened to an execution, and the payload limit the decider enforces on node inputs and execution
 * outputs.
 */
class DeciderAbortTest {

  private static final ErrorInfo REFUSED =
      ErrorInfo.permanent("COMMIT_FAILED", "execution ex_test failed: the store said no");

  @Test
  void an_abort_fails_the_execution_and_stops_every_unfinished_node() {
    var s =
        Scenario.of(
            flow(
                task("running"),
                task("retrying", retrying(retry(3, Duration.ofSeconds(1)))),
                waitFor("waiting", Duration.ofHours(1)),
                task("pending", "running"),
                task("done")));
    s.start();
    s.claim("running");
    s.runAndFail("retrying", ErrorInfo.retryable("X", "again"));
    s.run("done", Map.of());

    Decision d = s.apply(new Fact.ExecutionAborted("ex_test", s.now(), REFUSED));

    assertThat(d.commands())
        .containsExactlyInAnyOrder(
            new Command.CancelTask("running"),
            new Command.CancelTask("retrying"),
            new Command.CancelTask("waiting"));
    for (String id : new String[] {"running", "retrying", "waiting", "pending"}) {
      assertThat(s.status(id)).as(id).isEqualTo(NodeStatus.CANCELLED);
      assertThat(s.node(id).reason()).isEqualTo("the execution failed (COMMIT_FAILED)");
    }
    assertThat(s.status("done")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.state().error()).isEqualTo(REFUSED);
    assertThat(d.events().getLast().type()).isEqualTo(EventType.EXECUTION_FAILED);
    assertThat(d.events().getLast().data()).containsEntry("error", REFUSED.toMap());
  }

  @Test
  void an_abort_of_an_execution_never_started_records_its_start_and_schedules_nothing() {
    var s = Scenario.of(flow(task("a"), task("b", "a")));

    Decision d = s.apply(new Fact.ExecutionAborted("ex_test", s.now(), REFUSED));

    assertThat(d.commands()).isEmpty();
    assertThat(d.runs()).isEmpty();
    assertThat(s.eventsOf(null)).containsExactly("execution.started", "execution.failed");
    assertThat(s.status("a")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void an_abort_of_a_finished_execution_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.run("a", Map.of());

    assertThat(s.apply(new Fact.ExecutionAborted("ex_test", s.now(), REFUSED)).rejection())
        .contains("already succeeded");
  }

  @Test
  void retrying_an_aborted_execution_runs_its_cancelled_nodes_again() {
    var s = Scenario.of(flow(task("a"), task("b", "a")));
    s.start();
    s.run("a", Map.of("v", 1));
    s.claim("b");
    s.apply(new Fact.ExecutionAborted("ex_test", s.now(), REFUSED));

    s.retry();

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(s.status("a")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.status("b")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.node("b").attempt()).isEqualTo(2);
  }

  @Test
  void a_node_input_over_the_payload_limit_fails_the_node_without_scheduling_it() {
    var s =
        Scenario.of(
            flow(task("big", Map.of("text", "${inputs.text}"))),
            Map.of("text", "x".repeat(1024 * 1024)));

    Decision d = s.start();

    assertThat(d.commands()).isEmpty();
    assertThat(d.runs()).isEmpty();
    assertThat(s.status("big")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("big").error())
        .isEqualTo(
            ErrorInfo.permanent(
                "INPUT_TOO_LARGE",
                "node 'big' input is 1048587 bytes; the limit is 1 MiB = 1048576 bytes"
                    + " (AISPINE_MAX_NODE_PAYLOAD)"));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void execution_outputs_over_the_payload_limit_fail_the_execution() {
    var s =
        Scenario.of(
            Flows.flow(Map.of("twice", "${[nodes.a.output.s, nodes.a.output.s]}"), task("a")));
    s.start();

    s.run("a", Map.of("s", "y".repeat(600 * 1024)));

    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.state().error().code()).isEqualTo("OUTPUT_TOO_LARGE");
    assertThat(s.state().error().message())
        .isEqualTo(
            "the execution's outputs are 1.2 MiB; the limit is 1 MiB (AISPINE_MAX_NODE_PAYLOAD)");
    assertThat(s.state().outputs()).isEmpty();
  }
}
