package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.flow.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderRetryTest {

  private static final ErrorInfo FLAKY = ErrorInfo.retryable("AGENT_ERROR", "try again");

  @Test
  void retries_with_backoff_until_max_attempts() {
    var s = Scenario.of(flow(task("a", retrying(retry(3, Duration.ofSeconds(1))))));
    s.start();
    long firstLease = s.node("a").lease();

    Decision failed = s.runAndFail("a", FLAKY);

    assertThat(s.status("a")).isEqualTo(NodeStatus.RETRYING);
    assertThat(failed.commands())
        .containsExactly(new Command.StartTimer("a", s.now().plusSeconds(1)));
    assertThat(failed.events())
        .extracting(e -> e.type().wireName())
        .containsExactly("node.failed", "node.retrying");
    assertThat(failed.events().get(0).data()).containsEntry("final", false);
    assertThat(failed.events().get(1).data())
        .containsEntry("delay_ms", 1000L)
        .containsEntry("next_attempt", 2)
        .containsEntry("error", FLAKY.toMap());
    assertThat(failed.runs())
        .containsExactly(
            new RunChange.Finished(
                "ex_test", "a", 1, NodeStatus.FAILED, null, FLAKY, null, s.now()));

    Decision second = s.advance(Duration.ofSeconds(1)).fireTimer("a");
    assertThat(s.status("a")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.node("a").attempt()).isEqualTo(2);
    assertThat(s.node("a").lease()).isNotEqualTo(firstLease);
    assertThat(s.runTasks()).singleElement().satisfies(r -> assertThat(r.attempt()).isEqualTo(2));
    assertThat(second.runs()).singleElement().isInstanceOf(RunChange.Scheduled.class);

    Decision again = s.runAndFail("a", FLAKY);
    assertThat(again.commands())
        .containsExactly(new Command.StartTimer("a", s.now().plusSeconds(2)));
    s.advance(Duration.ofSeconds(2)).fireTimer("a");
    assertThat(s.node("a").attempt()).isEqualTo(3);

    Decision last = s.runAndFail("a", FLAKY);
    assertThat(last.commands()).isEmpty();
    assertThat(s.status("a")).isEqualTo(NodeStatus.FAILED);
    assertThat(last.events().get(0).data())
        .containsEntry("final", true)
        .containsEntry("attempt", 3);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.eventsOf("a"))
        .containsExactly(
            "node.scheduled",
            "node.started",
            "node.failed",
            "node.retrying",
            "node.scheduled",
            "node.started",
            "node.failed",
            "node.retrying",
            "node.scheduled",
            "node.started",
            "node.failed");
  }

  @Test
  void a_later_attempt_can_succeed_and_the_start_time_is_the_first_attempts() {
    var s = Scenario.of(flow(task("a", retrying(retry(2, Duration.ofMillis(10))))));
    s.start();
    s.runAndFail("a", FLAKY);
    var firstStart = s.node("a").startedAt();
    s.advance(Duration.ofMillis(10)).fireTimer("a");

    s.advance(Duration.ofMillis(5)).run("a", Map.of("ok", true));

    assertThat(s.status("a")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("a").startedAt()).isEqualTo(firstStart).isEqualTo(Scenario.T0);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void permanent_errors_are_not_retried() {
    var s = Scenario.of(flow(task("a", retrying(retry(5, Duration.ofSeconds(1))))));
    s.start();

    s.runAndFail("a", ErrorInfo.permanent("BAD_INPUT", "no"));

    assertThat(s.status("a")).isEqualTo(NodeStatus.FAILED);
  }

  @Test
  void full_jitter_scales_the_delay_by_the_supplied_random() {
    var policy =
        new RetryPolicy(
            3,
            RetryPolicy.Backoff.FIXED,
            Duration.ofSeconds(4),
            Duration.ZERO,
            1.0,
            RetryPolicy.Jitter.FULL);
    var s = Scenario.of(flow(task("a", retrying(policy))));
    s.start();

    Decision d = s.random(0.25).runAndFail("a", FLAKY);

    assertThat(d.commands()).containsExactly(new Command.StartTimer("a", s.now().plusSeconds(1)));
  }

  @Test
  void equal_jitter_keeps_at_least_half_the_delay() {
    var policy =
        new RetryPolicy(
            3,
            RetryPolicy.Backoff.EXPONENTIAL,
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            2.0,
            RetryPolicy.Jitter.EQUAL);
    var s = Scenario.of(flow(task("a", retrying(policy))));
    s.start();

    Decision d = s.random(0.0).runAndFail("a", FLAKY);

    assertThat(d.commands()).containsExactly(new Command.StartTimer("a", s.now().plusSeconds(1)));
  }

  @Test
  void the_delay_is_capped_by_the_policy_maximum() {
    var policy =
        new RetryPolicy(
            5,
            RetryPolicy.Backoff.EXPONENTIAL,
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            3.0,
            RetryPolicy.Jitter.NONE);
    var s = Scenario.of(flow(task("a", retrying(policy))));
    s.start();
    s.runAndFail("a", FLAKY);
    s.advance(Duration.ofSeconds(10)).fireTimer("a");

    Decision d = s.runAndFail("a", FLAKY);

    assertThat(d.commands()).containsExactly(new Command.StartTimer("a", s.now().plusSeconds(15)));
  }
}
