package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.jdbc.JdbcStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Approvals are durable: a pending approval outlives the engine that asked for it, can be answered
 * by the next one, and its timeout is kept across a restart.
 */
abstract class ApprovalRecoveryContract {

  /** Opens the store under test; called again on each restart, on the same database. */
  protected abstract Supplier<JdbcStore> store();

  static final String REFUND =
      """
      id: refund
      version: 1.0.0
      inputs:
        amount: {type: number, required: true}
      nodes:
        - {id: quote, agent: echo, with: {amount: "${inputs.amount}"}}
        - id: review
          type: approval
          needs: quote
          message: "Refund ${nodes.quote.output.amount} EUR?"
          approvers: {roles: [operator]}
          timeout: 2h
        - id: pay
          agent: echo
          needs: review
          with:
            approved: "${nodes.review.output.approved}"
            by: "${nodes.review.output.by}"
            note: "${nodes.review.output.comment}"
      outputs:
        paid_by: "${nodes.pay.output.by}"
      """;

  @Test
  void an_approval_pending_at_shutdown_is_answered_after_restart_and_later_nodes_see_it()
      throws Exception {
    var first = EngineHarness.open(store(), new TestAgents());
    String id = first.engine().start(EngineHarness.parse(REFUND), Map.of("amount", 120));
    awaitNode(first, id, "review", NodeStatus.WAITING);
    Approval pending = onlyApproval(first, id);
    assertThat(pending.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(pending.message()).isEqualTo("Refund 120 EUR?");
    assertThat(pending.approvers()).containsExactly("operator");
    first.stop();

    try (var second = EngineHarness.open(store(), new TestAgents())) {
      assertThat(onlyApproval(second, id)).isEqualTo(pending);

      boolean applied =
          second.engine().answerApproval(pending.id(), true, "receipt checked", "ops", "key_ops");
      var done = second.await(id);

      assertThat(applied).isTrue();
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.node("pay").output())
          .isEqualTo(Map.of("approved", true, "by", "ops", "note", "receipt checked"));
      assertThat(done.outputs()).isEqualTo(Map.of("paid_by", "ops"));
      Approval answered = onlyApproval(second, id);
      assertThat(answered.status()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(answered.answeredBy()).isEqualTo("ops");
      assertThat(answered.answeredByKey()).isEqualTo("key_ops");
      assertThat(second.eventsOf(id, "review"))
          .containsExactly("approval.requested", "approval.answered", "node.completed");
      // answering again changes nothing, and the expiry timer is gone with the answer
      assertThat(second.engine().answerApproval(pending.id(), false, "no", "other", null))
          .isFalse();
      assertThat(second.store().executions().tasks()).isEmpty();
    }
  }

  @Test
  void an_approval_whose_timeout_passed_while_the_engine_was_down_expires_on_restart()
      throws Exception {
    var clock = new RestartRecoveryContract.MovableClock(Instant.parse("2025-03-01T09:00:00Z"));
    var options = EngineHarness.fastOptions().withClock(clock);
    var first = new EngineHarness(store(), options).start(new TestAgents());
    String id = first.engine().start(EngineHarness.parse(REFUND), Map.of("amount", 5));
    awaitNode(first, id, "review", NodeStatus.WAITING);
    first.stop();

    clock.advance(Duration.ofHours(3));
    try (var second = new EngineHarness(store(), options).start(new TestAgents())) {
      var done = second.await(id);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      var paid = new java.util.HashMap<String, Object>();
      paid.put("approved", false);
      paid.put("by", "timeout");
      paid.put("note", null); // nobody commented
      assertThat(done.node("pay").output()).isEqualTo(paid);
      Approval expired = onlyApproval(second, id);
      assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
      assertThat(expired.answeredBy()).isEqualTo("timeout");
      assertThat(expired.expiresAt()).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
      assertThat(second.engine().answerApproval(expired.id(), true, null, "late", null)).isFalse();
    }
  }

  @Test
  void cancelling_an_execution_cancels_its_pending_approval() throws Exception {
    try (var h = EngineHarness.open(store(), new TestAgents())) {
      String id = h.engine().start(EngineHarness.parse(REFUND), Map.of("amount", 1));
      awaitNode(h, id, "review", NodeStatus.WAITING);
      String approval = onlyApproval(h, id).id();

      h.engine().cancel(id, "changed my mind");

      assertThat(h.await(id).status()).isEqualTo(ExecutionStatus.CANCELLED);
      assertThat(onlyApproval(h, id).status()).isEqualTo(ApprovalStatus.CANCELLED);
      assertThat(h.engine().answerApproval(approval, true, null, "ops", null)).isFalse();
    }
  }

  private static Approval onlyApproval(EngineHarness h, String executionId) {
    List<Approval> found =
        h.store().approvals().list(new ApprovalQuery(Set.of(), executionId, null, 10));
    assertThat(found).hasSize(1);
    return found.getFirst();
  }

  private static void awaitNode(EngineHarness h, String id, String node, NodeStatus status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.engine().execution(id).orElseThrow().node(node).status() == status);
  }
}
