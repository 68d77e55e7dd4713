package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.approval;
import static io.aispine.engine.decider.Flows.decision;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.onError;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.Command;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.ApprovalNode.OnTimeout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderApprovalTest {

  private static final Duration DAY = Duration.ofHours(24);

  /** prep -> review (approval) -> after, which reads the decision. */
  private static Scenario reviewFlow(Duration timeout, OnTimeout onTimeout) {
    return Scenario.of(
        flow(
            task("prep"),
            approval("review", "Pay ${nodes.prep.output.amount} EUR?", timeout, onTimeout, "prep"),
            task(
                "after",
                Map.of(
                    "approved", "${nodes.review.output.approved}",
                    "comment", "${nodes.review.output.comment}"),
                "review")));
  }

  private static Scenario waitingForReview(Duration timeout, OnTimeout onTimeout) {
    var s = reviewFlow(timeout, onTimeout);
    s.start();
    s.run("prep", Map.of("amount", 120));
    return s;
  }

  private static String approvalId(Scenario s) {
    return (String) ((Map<?, ?>) s.node("review").output()).get("approval_id");
  }

  @Test
  void asks_for_an_answer_and_waits_with_the_message_resolved_and_an_expiry_timer() {
    var s = reviewFlow(DAY, OnTimeout.REJECT);
    s.start();

    Decision d = s.run("prep", Map.of("amount", 120));

    assertThat(s.status("review")).isEqualTo(NodeStatus.WAITING);
    String id = approvalId(s);
    assertThat(id).startsWith("ap_").hasSize(29);
    var expires = Scenario.T0.plus(DAY);
    assertThat(d.commands())
        .containsExactly(
            new Command.RequestApproval(
                "review", id, "Pay 120 EUR?", List.of("operator"), Scenario.T0, expires),
            new Command.StartTimer("review", expires));
    ExecutionEvent requested = d.events().getLast();
    assertThat(requested.type()).isEqualTo(EventType.APPROVAL_REQUESTED);
    assertThat(requested.nodePath()).isEqualTo("review");
    assertThat(requested.data())
        .containsEntry("approval_id", id)
        .containsEntry("message", "Pay 120 EUR?")
        .containsEntry("approvers", List.of("operator"))
        .containsEntry("expires_at", expires.toString());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void an_approval_without_timeout_waits_for_ever_with_no_timer() {
    var s = waitingForReview(null, OnTimeout.REJECT);

    assertThat(s.last().commands()).hasSize(1).first().isInstanceOf(Command.RequestApproval.class);
    assertThat(((Command.RequestApproval) s.last().commands().getFirst()).expiresAt()).isNull();
    assertThat(s.last().events().getLast().data()).containsEntry("expires_at", null);
  }

  @Test
  void an_approval_succeeds_with_the_answer_as_output_and_later_nodes_read_it() {
    var s = waitingForReview(DAY, OnTimeout.REJECT);
    String id = approvalId(s);
    s.advance(Duration.ofMinutes(5));

    Decision d = s.answer("review", true, "looks fine", "ops-alice");

    assertThat(d.isRejected()).isFalse();
    assertThat(s.status("review")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("review").output())
        .isEqualTo(
            Flows.ordered(
                "approved",
                true,
                "comment",
                "looks fine",
                "by",
                "ops-alice",
                "by_key",
                "key_ops-alice",
                "answered_at",
                s.now().toString(),
                "timed_out",
                false));
    assertThat(d.events())
        .extracting(e -> e.type().wireName())
        .containsExactly("approval.answered", "node.completed", "node.scheduled");
    assertThat(d.events().getFirst().data())
        .containsEntry("approval_id", id)
        .containsEntry("approved", true)
        .containsEntry("comment", "looks fine")
        .containsEntry("by", "ops-alice");
    assertThat(d.commands())
        .contains(
            new Command.ResolveApproval(
                "review",
                id,
                ApprovalStatus.APPROVED,
                "looks fine",
                "ops-alice",
                "key_ops-alice",
                s.now()),
            new Command.CancelTask("review"));
    assertThat(s.runTasks().getFirst().input())
        .isEqualTo(Map.of("approved", true, "comment", "looks fine"));
  }

  @Test
  void a_rejection_also_succeeds_the_node_and_a_decision_can_branch_on_it() {
    var s =
        Scenario.of(
            flow(
                approval("review", "Ship it?", null, OnTimeout.REJECT),
                decision(
                    "route",
                    List.of(when("nodes.review.output.approved", "ship")),
                    List.of("stop"),
                    "review"),
                task("ship"),
                task("stop")));
    s.start();

    Decision d = s.answer("review", false, null, "ops-bob");

    assertThat(s.status("review")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(((Map<?, ?>) s.node("review").output()).get("approved")).isEqualTo(false);
    assertThat(d.commands())
        .contains(
            new Command.ResolveApproval(
                "review",
                d.events().getFirst().data().get("approval_id").toString(),
                ApprovalStatus.REJECTED,
                null,
                "ops-bob",
                "key_ops-bob",
                s.now()))
        .doesNotContain(new Command.CancelTask("review")); // no timeout, so no timer to cancel
    assertThat(s.status("ship")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.scheduledPaths()).containsExactly("stop");
  }

  @Test
  void an_unanswered_approval_counts_as_rejected_when_its_timeout_passes_by_default() {
    var s = waitingForReview(DAY, OnTimeout.REJECT);
    String id = approvalId(s);

    Decision d = s.advance(DAY).fireTimer("review");

    assertThat(s.status("review")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("review").output())
        .isEqualTo(
            Flows.ordered(
                "approved",
                false,
                "comment",
                null,
                "by",
                "timeout",
                "by_key",
                null,
                "answered_at",
                s.now().toString(),
                "timed_out",
                true));
    assertThat(d.events())
        .extracting(e -> e.type().wireName())
        .containsExactly("approval.expired", "node.completed", "node.scheduled");
    assertThat(d.events().getFirst().data())
        .isEqualTo(Map.of("approval_id", id, "on_timeout", "reject"));
    assertThat(d.commands())
        .contains(
            new Command.ResolveApproval(
                "review", id, ApprovalStatus.EXPIRED, null, "timeout", null, s.now()));
  }

  @Test
  void an_unanswered_approval_counts_as_approved_when_on_timeout_is_approve() {
    var s = waitingForReview(DAY, OnTimeout.APPROVE);

    s.advance(DAY).fireTimer("review");

    assertThat(s.status("review")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(((Map<?, ?>) s.node("review").output()).get("approved")).isEqualTo(true);
    assertThat(((Map<?, ?>) s.node("review").output()).get("timed_out")).isEqualTo(true);
    assertThat(s.runTasks().getFirst().input())
        .isEqualTo(Flows.ordered("approved", true, "comment", null));
  }

  @Test
  void an_unanswered_approval_fails_the_node_when_on_timeout_is_fail() {
    var s = waitingForReview(DAY, OnTimeout.FAIL);

    s.advance(DAY).fireTimer("review");

    assertThat(s.status("review")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("review").error().code()).isEqualTo("APPROVAL_TIMEOUT");
    assertThat(s.node("review").error().retryable()).isFalse();
    assertThat(s.node("review").error().message()).contains("within its timeout PT24H");
    assertThat(s.status("after")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.state().error().code()).isEqualTo("APPROVAL_TIMEOUT");
  }

  @Test
  void a_timed_out_approval_activates_its_on_error_fallback() {
    var s =
        Scenario.of(
            flow(
                approval("review", "ok?", DAY, OnTimeout.FAIL, onError("escalate")),
                task("escalate")));
    s.start();

    s.advance(DAY).fireTimer("review");

    assertThat(s.status("review")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.scheduledPaths()).containsExactly("escalate");
    s.run("escalate", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void an_answer_after_the_timeout_is_refused_and_changes_nothing() {
    var s = waitingForReview(DAY, OnTimeout.REJECT);
    String id = approvalId(s);
    s.advance(DAY).fireTimer("review");
    var before = s.state();

    Decision late = s.answer("review", id, true, "sorry, late", "ops-alice");

    assertThat(late.isRejected()).isTrue();
    assertThat(late.rejection()).contains("no longer pending").contains("succeeded");
    assertThat(s.state()).isSameAs(before);
  }

  @Test
  void a_second_answer_is_refused_so_the_first_one_stands() {
    var s = waitingForReview(DAY, OnTimeout.REJECT);
    String id = approvalId(s);
    s.answer("review", true, "yes", "ops-alice");

    Decision second = s.answer("review", id, false, "no", "ops-bob");

    assertThat(second.isRejected()).isTrue();
    assertThat(((Map<?, ?>) s.node("review").output()).get("by")).isEqualTo("ops-alice");
    assertThat(s.eventsOf("review")).containsOnlyOnce("approval.answered");
  }

  @Test
  void an_answer_to_another_approval_id_or_to_a_node_that_is_not_waiting_is_refused() {
    var s = reviewFlow(DAY, OnTimeout.REJECT);
    s.start();

    assertThat(s.answer("review", "ap_early", true, null, "x").rejection())
        .contains("no longer pending")
        .contains("pending");
    s.run("prep", Map.of("amount", 1));
    assertThat(s.answer("review", "ap_other", true, null, "x").rejection())
        .contains("is not the one node 'review' waits for");
    assertThat(s.answer("prep", approvalId(s), true, null, "x").rejection())
        .contains("'prep' is not an approval");
    assertThat(s.status("review")).isEqualTo(NodeStatus.WAITING);
  }

  @Test
  void cancelling_the_execution_cancels_its_pending_approval_and_timer() {
    var s = waitingForReview(DAY, OnTimeout.REJECT);
    String id = approvalId(s);

    Decision d = s.cancel("no longer needed");

    assertThat(s.status("review")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(d.commands())
        .containsExactly(
            new Command.CancelTask("review"),
            new Command.ResolveApproval(
                "review", id, ApprovalStatus.CANCELLED, null, null, null, s.now()));
    assertThat(s.answer("review", id, true, null, "ops").isRejected()).isTrue();
  }

  @Test
  void a_retry_after_a_timeout_failure_asks_again_under_a_new_id() {
    var s = waitingForReview(DAY, OnTimeout.FAIL);
    String first = approvalId(s);
    s.advance(DAY).fireTimer("review");

    Decision retried = s.advance(Duration.ofMinutes(1)).retry();

    assertThat(s.status("review")).isEqualTo(NodeStatus.WAITING);
    String second = approvalId(s);
    assertThat(second).isNotEqualTo(first).startsWith("ap_");
    assertThat(retried.commands()).first().isInstanceOf(Command.RequestApproval.class);
    assertThat(s.answer("review", first, true, null, "ops").isRejected()).isTrue();
    assertThat(s.answer("review", second, true, null, "ops").isRejected()).isFalse();
    s.run("after", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void the_same_history_gives_the_same_approval_id() {
    var a = waitingForReview(DAY, OnTimeout.REJECT);
    var b = waitingForReview(DAY, OnTimeout.REJECT);

    assertThat(approvalId(a)).isEqualTo(approvalId(b));
  }

  @Test
  void a_message_template_that_fails_fails_the_node() {
    var s =
        Scenario.of(
            flow(approval("review", "${nodes.prep.output.amount + }", null, OnTimeout.REJECT)));
    // the parser would refuse this template; a flow built in code reaches the decider with it
    s.start();

    assertThat(s.status("review")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("review").error().code()).isEqualTo("EXPRESSION_ERROR");
  }
}
