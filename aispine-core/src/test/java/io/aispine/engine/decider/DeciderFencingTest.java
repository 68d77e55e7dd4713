package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.Usage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts from the past (stale leases, repeats, lost workers) never change an execution twice. */
class DeciderFencingTest {

  private static final ErrorInfo FLAKY = ErrorInfo.retryable("AGENT_ERROR", "again");

  @Test
  void a_start_with_a_stale_lease_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    var node = s.node("a");

    Decision d = s.apply(new Fact.NodeStarted("ex_test", "a", 1, node.lease() + 100, s.now()));

    assertThat(d.rejection()).startsWith("stale start of node 'a'");
    assertThat(s.status("a")).isEqualTo(NodeStatus.SCHEDULED);
  }

  @Test
  void a_start_of_another_attempt_under_the_current_lease_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    var node = s.node("a");

    Decision d = s.apply(new Fact.NodeStarted("ex_test", "a", 2, node.lease(), s.now()));

    assertThat(d.rejection()).startsWith("stale start of node 'a'");
  }

  @Test
  void a_resume_of_another_attempt_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    s.defer("a", Duration.ofSeconds(5));
    s.claim("a"); // looks again: running, still held back

    Decision d = s.apply(new Fact.NodeResumed("ex_test", "a", 2, s.now()));

    assertThat(d.rejection()).startsWith("resume of node 'a'");
    assertThat(s.resume("a").isRejected()).isFalse();
  }

  @Test
  void a_completion_that_reports_no_usage_or_duration_counts_none() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    var node = s.node("a");

    Decision d =
        s.apply(
            new Fact.NodeSucceeded(
                "ex_test", "a", 1, node.lease(), s.now(), Map.of("v", 1), null, null));

    assertThat(d.isRejected()).isFalse();
    assertThat(s.status("a")).isEqualTo(NodeStatus.SUCCEEDED);
  }

  @Test
  void a_deferral_cannot_end_before_it_starts() {
    var at = java.time.Instant.parse("2026-01-01T00:00:00Z");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Fact.NodeDeferred("ex_test", "a", 1, 1, at, at.minusMillis(1), "busy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before");
  }

  @Test
  void a_duplicate_start_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");

    assertThat(s.claim("a").rejection()).startsWith("duplicate start");
  }

  @Test
  void a_duplicate_completion_is_rejected_and_changes_nothing() {
    var s = Scenario.of(flow(task("a"), task("b")));
    s.start();
    s.claim("a");
    var node = s.node("a");
    var done =
        new Fact.NodeSucceeded(
            "ex_test", "a", 1, node.lease(), s.now(), Map.of("v", 1), Usage.NONE, Duration.ZERO);
    s.apply(done);
    var after = s.state();

    Decision again = s.apply(done);

    assertThat(again.rejection()).startsWith("duplicate completion");
    assertThat(s.state()).isSameAs(after);
    assertThat(s.eventsOf("a")).containsOnlyOnce("node.completed");
  }

  @Test
  void a_completion_for_an_attempt_nobody_claimed_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();

    assertThat(s.succeed("a", 1).rejection()).startsWith("stale completion");
    assertThat(s.fail("a", FLAKY).rejection()).startsWith("stale failure");
  }

  @Test
  void a_completion_after_cancel_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    var node = s.node("a");
    s.cancel("stop");

    Decision late =
        s.apply(
            new Fact.NodeSucceeded(
                "ex_test", "a", 1, node.lease(), s.now(), 1, Usage.NONE, Duration.ZERO));

    assertThat(late.rejection()).contains("already cancelled");
    assertThat(s.status("a")).isEqualTo(NodeStatus.CANCELLED);
  }

  @Test
  void lease_expiry_redelivers_the_same_attempt_under_a_new_lease() {
    var s = Scenario.of(flow(task("a", Map.of("x", "${inputs.x}"))), Map.of("x", 5));
    s.start();
    s.claim("a");
    var lost = s.node("a");

    Decision d = s.expireLease("a");

    assertThat(s.status("a")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.node("a").attempt()).isEqualTo(1);
    assertThat(s.node("a").lease()).isNotEqualTo(lost.lease());
    assertThat(s.runTasks())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.attempt()).isEqualTo(1);
              assertThat(run.lease()).isEqualTo(s.node("a").lease());
              assertThat(run.input()).isEqualTo(Map.of("x", 5));
            });
    assertThat(d.events())
        .extracting(e -> e.type().wireName())
        .containsExactly("node.lease_expired");

    Decision late =
        s.apply(
            new Fact.NodeSucceeded(
                "ex_test", "a", 1, lost.lease(), s.now(), 1, Usage.NONE, Duration.ZERO));
    assertThat(late.rejection()).startsWith("stale completion");

    s.run("a", 2);
    assertThat(s.node("a").output()).isEqualTo(2);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void lease_expiry_of_an_unclaimed_or_other_lease_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();

    assertThat(s.expireLease("a").rejection()).startsWith("stale lease expiry");
    s.claim("a");
    var node = s.node("a");
    assertThat(
            s.apply(new Fact.LeaseExpired("ex_test", "a", 1, node.lease() - 1, s.now()))
                .rejection())
        .startsWith("stale lease expiry");
  }

  @Test
  void a_failure_reported_again_for_an_earlier_attempt_is_rejected() {
    var s = Scenario.of(flow(task("a", retrying(retry(3, Duration.ofSeconds(1))))));
    s.start();
    s.claim("a");
    var first = s.node("a");
    s.fail("a", FLAKY);
    s.fireTimer("a");
    s.claim("a");

    Decision repeat =
        s.apply(
            new Fact.NodeFailed("ex_test", "a", 1, first.lease(), s.now(), FLAKY, Duration.ZERO));

    assertThat(repeat.rejection()).startsWith("stale failure");
    assertThat(s.node("a").attempt()).isEqualTo(2);
  }

  @Test
  void a_timer_for_a_node_that_is_not_waiting_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();

    assertThat(s.fireTimer("a").rejection())
        .isEqualTo("stale timer for node 'a', which is scheduled");
  }
}
