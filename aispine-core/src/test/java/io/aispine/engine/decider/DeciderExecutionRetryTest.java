package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.decision;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retrying a failed execution: what runs again, what is kept, how attempts are numbered. */
class DeciderExecutionRetryTest {

  private static final ErrorInfo BROKEN = ErrorInfo.permanent("BROKEN", "the service said no");

  @Test
  void retry_reruns_the_failed_node_and_what_it_skipped_keeping_succeeded_outputs() {
    var s = Scenario.of(flow(task("a"), task("b", "a"), task("c", "b"), task("side")));
    s.start();
    s.run("a", Map.of("v", 1));
    s.run("side", Map.of("v", 2));
    s.runAndFail("b", BROKEN);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.status("c")).isEqualTo(NodeStatus.SKIPPED);

    Decision d = s.retry();

    assertThat(d.isRejected()).isFalse();
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(s.state().error()).isNull();
    assertThat(s.state().finishedAt()).isNull();
    assertThat(d.events().get(0).type()).isEqualTo(EventType.EXECUTION_RETRIED);
    assertThat(d.events().get(0).data()).containsEntry("nodes", List.of("b", "c"));
    // b runs again at once with a new attempt number: a fresh idempotency key and attempt record
    assertThat(s.runTasks()).extracting(Command.RunTask::path).containsExactly("b");
    assertThat(s.runTasks().get(0).attempt()).isEqualTo(2);
    assertThat(s.status("c")).isEqualTo(NodeStatus.PENDING);
    assertThat(s.node("a").output()).isEqualTo(Map.of("v", 1));
    assertThat(s.status("side")).isEqualTo(NodeStatus.SUCCEEDED);

    s.run("b", Map.of("v", 3));
    s.run("c", Map.of("v", 4));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.node("c").attempt()).isEqualTo(1);
  }

  @Test
  void a_retried_node_gets_a_fresh_round_of_automatic_retries() {
    var s = Scenario.of(flow(task("a", retrying(retry(2, Duration.ofSeconds(1))))));
    s.start();
    s.runAndFail("a", ErrorInfo.retryable("DOWN", "1"));
    s.advance(Duration.ofSeconds(1)).fireTimer("a");
    s.runAndFail("a", ErrorInfo.retryable("DOWN", "2"));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    s.retry();
    assertThat(s.node("a").attempt()).isEqualTo(3);
    Decision failedAgain = s.runAndFail("a", ErrorInfo.retryable("DOWN", "3"));

    // attempt 3 is the first of the new round: one automatic retry is still allowed
    assertThat(s.status("a")).isEqualTo(NodeStatus.RETRYING);
    assertThat(failedAgain.commands()).hasSize(1);
    s.advance(Duration.ofSeconds(1)).fireTimer("a");
    assertThat(s.node("a").attempt()).isEqualTo(4);
    s.run("a", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void a_node_skipped_again_keeps_its_attempt_count_for_the_next_retry() {
    var s = Scenario.of(flow(task("a"), task("b", "a")));
    s.start();
    s.runAndFail("a", BROKEN);
    s.retry();
    s.runAndFail("a", BROKEN); // attempt 2
    assertThat(s.status("b")).isEqualTo(NodeStatus.SKIPPED);

    s.retry();

    assertThat(s.runTasks().get(0).attempt()).isEqualTo(3);
  }

  @Test
  void branches_a_decision_did_not_take_stay_skipped() {
    var s =
        Scenario.of(
            flow(
                task("a"),
                decision("d", List.of(when("nodes.a.output.ok", "yes")), List.of("no"), "a"),
                task("yes"),
                task("no"),
                task("after", "yes")));
    s.start();
    s.run("a", Map.of("ok", true));
    s.runAndFail("yes", BROKEN);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    Decision d = s.retry();

    assertThat(d.events().get(0).data()).containsEntry("nodes", List.of("yes", "after"));
    assertThat(s.status("no")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.status("d")).isEqualTo(NodeStatus.SUCCEEDED);
  }

  @Test
  void retrying_an_execution_that_did_not_fail_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    assertThat(s.retry().rejection()).contains("only a failed execution").contains("running");
    s.run("a", Map.of());
    assertThat(s.retry().rejection()).contains("succeeded");
  }
}
