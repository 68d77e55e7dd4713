package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.execution.Usage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An attempt whose agent is unavailable waits and runs again later, without counting. */
class DeciderDeferralTest {

  @Test
  void a_deferred_attempt_is_delivered_again_later_under_a_new_lease() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    long lease = s.node("a").lease();

    Decision d = s.defer("a", Duration.ofSeconds(60));

    assertThat(s.status("a")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.node("a").attempt()).isEqualTo(1);
    assertThat(s.node("a").lease()).isNotEqualTo(lease);
    assertThat(d.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.NODE_DEFERRED);
              assertThat(e.data())
                  .containsEntry("reason", "circuit open")
                  .containsEntry("until", s.now().plusSeconds(60).toString());
            });
    assertThat(s.runTasks())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.attempt()).isEqualTo(1);
              assertThat(r.lease()).isEqualTo(s.node("a").lease());
              assertThat(r.runAt()).isEqualTo(s.now().plusSeconds(60));
            });
  }

  @Test
  void a_deferred_node_says_why_it_waits_and_its_attempt_record_is_scheduled_again() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");

    Decision d = s.defer("a", Duration.ofSeconds(30));

    assertThat(s.node("a").reason()).isEqualTo("circuit open");
    assertThat(d.runs())
        .singleElement()
        .isInstanceOfSatisfying(
            RunChange.Scheduled.class,
            r -> {
              assertThat(r.attempt()).isEqualTo(1);
              assertThat(r.agent()).isEqualTo("echo");
              assertThat(r.at()).isEqualTo(s.now().plusSeconds(30));
            });
    s.claim("a");
    assertThat(s.node("a").reason()).as("claimed to look again, it still waits").isNotNull();
    s.resume("a");
    assertThat(s.node("a").reason()).as("let through, it no longer waits").isNull();
  }

  @Test
  void a_node_held_back_again_and_again_records_its_wait_once() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    s.defer("a", Duration.ofSeconds(10), "drained");
    long lease = s.node("a").lease();
    int events = s.history().size();

    for (int look = 0; look < 100; look++) {
      s.advance(Duration.ofSeconds(10));
      Decision claim = s.claim("a");
      assertThat(claim.isRejected()).isFalse();
      assertThat(claim.events()).as("a look again is no start yet").isEmpty();
      assertThat(claim.runs()).isEmpty();
      Decision again = s.defer("a", Duration.ofSeconds(10), look % 2 == 0 ? "drained" : "other");
      assertThat(again.events()).isEmpty();
      assertThat(again.runs())
          .singleElement()
          .isInstanceOfSatisfying(
              RunChange.Scheduled.class,
              r -> assertThat(r.at()).isEqualTo(s.now().plusSeconds(10)));
      assertThat(s.runTasks())
          .singleElement()
          .satisfies(r -> assertThat(r.lease()).isEqualTo(lease));
    }

    assertThat(s.history()).hasSize(events);
    assertThat(s.eventsOf("a")).containsExactly("node.scheduled", "node.started", "node.deferred");
    assertThat(s.status("a")).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(s.node("a").reason()).as("the latest reason").isEqualTo("other");
    assertThat(s.node("a").attempt()).isEqualTo(1);
  }

  @Test
  void the_guard_letting_the_call_through_ends_the_wait_in_the_history() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    s.defer("a", Duration.ofSeconds(10), "rate_limited");
    s.advance(Duration.ofSeconds(10));
    s.claim("a");

    Decision resumed = s.resume("a");

    assertThat(resumed.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.NODE_STARTED);
              assertThat(e.data()).containsEntry("waited_for", "rate_limited");
            });
    assertThat(resumed.runs()).singleElement().isInstanceOf(RunChange.Started.class);
    s.succeed("a", Map.of("ok", true));
    assertThat(s.eventsOf("a"))
        .containsExactly(
            "node.scheduled", "node.started", "node.deferred", "node.started", "node.completed");
    assertThat(s.resume("a").isRejected()).as("a node that does not wait").isTrue();
  }

  @Test
  void an_outcome_of_a_node_still_marked_waiting_follows_its_start() {
    var s = Scenario.of(flow(task("a", retrying(retry(3, Duration.ofSeconds(1))))));
    s.start();
    s.claim("a");
    s.defer("a", Duration.ofSeconds(10));
    s.claim("a");

    s.fail("a", ErrorInfo.retryable("UPSTREAM_DOWN", "try later"));

    assertThat(s.eventsOf("a"))
        .containsExactly(
            "node.scheduled",
            "node.started",
            "node.deferred",
            "node.started",
            "node.failed",
            "node.retrying");
    assertThat(s.node("a").reason()).isNull();
  }

  @Test
  void a_node_waiting_when_its_worker_is_lost_is_delivered_again_as_a_fresh_attempt() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    s.defer("a", Duration.ofSeconds(10));
    s.claim("a");

    s.expireLease("a");
    s.claim("a");

    assertThat(s.node("a").reason()).isNull();
    assertThat(s.eventsOf("a"))
        .containsExactly(
            "node.scheduled",
            "node.started",
            "node.deferred",
            "node.lease_expired",
            "node.started");
  }

  @Test
  void a_result_served_by_a_fallback_agent_names_it() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    NodeState node = s.node("a");

    Decision d =
        s.apply(
            new Fact.NodeSucceeded(
                "ex_test",
                "a",
                1,
                node.lease(),
                s.now(),
                Map.of("ok", true),
                Usage.NONE,
                Duration.ofMillis(3),
                "backup@^1"));

    assertThat(d.events())
        .filteredOn(e -> e.type() == EventType.NODE_COMPLETED)
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("served_by", "backup@^1"));
    assertThat(d.runs())
        .singleElement()
        .isInstanceOfSatisfying(
            RunChange.Finished.class, r -> assertThat(r.servedBy()).isEqualTo("backup@^1"));
  }

  @Test
  void deferrals_do_not_use_up_the_retry_policy() {
    var s = Scenario.of(flow(task("a", retrying(retry(1, Duration.ofSeconds(1))))));
    s.start();
    for (int i = 0; i < 10; i++) {
      s.claim("a");
      s.defer("a", Duration.ofSeconds(1));
      s.advance(Duration.ofSeconds(1));
    }
    s.claim("a");

    s.succeed("a", Map.of("ok", true));

    assertThat(s.status("a")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("a").attempt()).isEqualTo(1);
    assertThat(s.eventsOf("a")).containsOnlyOnce("node.completed").doesNotContain("node.failed");
  }

  @Test
  void a_deferral_with_a_stale_lease_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.claim("a");
    var node = s.node("a");

    Decision d =
        s.apply(
            new Fact.NodeDeferred(
                "ex_test", "a", 1, node.lease() - 1, s.now(), s.now().plusSeconds(1), "open"));

    assertThat(d.rejection()).startsWith("stale deferral of node 'a'");
    assertThat(s.status("a")).isEqualTo(NodeStatus.RUNNING);
  }
}
