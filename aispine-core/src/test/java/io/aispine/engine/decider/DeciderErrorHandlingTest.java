package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.continueOnError;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.onError;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.TriggerRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderErrorHandlingTest {

  private static final ErrorInfo BOOM = ErrorInfo.permanent("AGENT_ERROR", "boom");

  @Test
  void continue_on_error_makes_the_error_the_output_and_dependents_proceed() {
    var s =
        Scenario.of(
            flow(
                Map.of("seen", "${nodes.a.output.error.code}"),
                task("a", continueOnError()),
                task("b", "a")));
    s.start();

    s.runAndFail("a", BOOM);

    assertThat(s.status("a")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("a").handling()).isEqualTo(Handling.CONTINUED);
    assertThat(s.node("a").output()).isEqualTo(Map.of("error", BOOM.toMap()));
    assertThat(s.status("b")).isEqualTo(NodeStatus.SCHEDULED);
    s.run("b", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.state().outputs()).isEqualTo(Map.of("seen", "AGENT_ERROR"));
  }

  @Test
  void on_error_activates_the_fallback_which_sees_the_error() {
    var s =
        Scenario.of(
            flow(
                task("a", onError("rescue")),
                task("rescue", Map.of("why", "${nodes.a.error.message}")),
                task("after", "a")));
    Decision started = s.start();
    assertThat(s.status("rescue")).isEqualTo(NodeStatus.PENDING);
    assertThat(started.commands()).hasSize(1);

    s.runAndFail("a", BOOM);

    assertThat(s.node("a").handling()).isEqualTo(Handling.FALLBACK);
    assertThat(s.runTasks())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.path()).isEqualTo("rescue");
              assertThat(run.input()).isEqualTo(Map.of("why", "boom"));
            });
    assertThat(s.node("after").reason()).isEqualTo("upstream_failed");
    s.run("rescue", Map.of());
    // a handled failure does not fail the execution
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void the_fallback_is_skipped_when_the_node_succeeds() {
    var s = Scenario.of(flow(task("a", onError("rescue")), task("rescue")));
    s.start();

    s.run("a", Map.of());

    assertThat(s.node("rescue").reason()).isEqualTo("not_activated");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void a_fallback_can_join_a_successful_path_with_one_success() {
    var s =
        Scenario.of(
            flow(
                task("a", onError("rescue")),
                task("rescue"),
                task("join", TriggerRule.ONE_SUCCESS, "a", "rescue")));
    s.start();
    s.runAndFail("a", BOOM);

    s.run("rescue", Map.of());

    assertThat(s.status("join")).isEqualTo(NodeStatus.SCHEDULED);
  }

  @Test
  void an_unhandled_failure_is_reported_as_final() {
    var s = Scenario.of(flow(task("a")));
    s.start();

    Decision d = s.runAndFail("a", BOOM);

    assertThat(d.events().get(0).data())
        .containsEntry("final", true)
        .containsEntry("attempt", 1)
        .containsEntry("error", BOOM.toMap());
    assertThat(s.node("a").handling()).isEqualTo(Handling.NONE);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }
}
