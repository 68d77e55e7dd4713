package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.ExecutionState;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.ApprovalStore;
import io.aispine.store.ApprovalWrite;
import io.aispine.store.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour every dialect's {@link ApprovalStore} and approval writes must show. */
abstract class ApprovalStoreContract extends StoreContract {

  private ApprovalStore approvals() {
    return store.approvals();
  }

  private static ApprovalWrite.Requested requested(
      String id, String executionId, String path, long offsetMillis) {
    return new ApprovalWrite.Requested(
        id,
        executionId,
        path,
        "refund",
        "Refund 120 EUR?",
        List.of("operator", "admin"),
        T0.plusMillis(offsetMillis),
        T0.plusMillis(offsetMillis).plus(Duration.ofHours(24)));
  }

  private static ApprovalWrite.Resolved answered(String id, ApprovalStatus status, long offset) {
    return new ApprovalWrite.Resolved(
        id, status, "checked", "ops-alice", "key_alice", T0.plusMillis(offset));
  }

  /** A transition of a new execution that writes {@code changes}. */
  private void apply(ExecutionState state, boolean created, ApprovalWrite... changes) {
    store
        .executions()
        .apply(
            List.of(
                new Transition(
                    state, created, List.of(), List.of(), List.of(), List.of(), List.of(changes))));
  }

  @Test
  void stores_a_requested_approval_with_its_execution_in_one_transition() {
    ExecutionState ex = Executions.running("ex_a", "refund", 0);

    apply(ex, true, requested("ap_1", "ex_a", "review", 5));

    Approval found = approvals().find("ap_1").orElseThrow();
    assertThat(found)
        .isEqualTo(
            new Approval(
                "ap_1",
                "ex_a",
                "review",
                "refund",
                "Refund 120 EUR?",
                List.of("operator", "admin"),
                ApprovalStatus.PENDING,
                null,
                null,
                null,
                T0.plusMillis(5),
                T0.plusMillis(5).plus(Duration.ofHours(24)),
                null));
    assertThat(approvals().find("ap_missing")).isEmpty();
  }

  @Test
  void records_the_answer_and_who_gave_it_once() {
    ExecutionState ex = Executions.running("ex_a", "refund", 0);
    apply(ex, true, requested("ap_1", "ex_a", "review", 0));

    apply(ex, false, answered("ap_1", ApprovalStatus.APPROVED, 60_000));
    // a second end (a late timeout, a replay) changes nothing: the first answer stands
    apply(
        ex,
        false,
        new ApprovalWrite.Resolved(
            "ap_1", ApprovalStatus.EXPIRED, null, "timeout", null, T0.plusSeconds(999)));

    Approval found = approvals().find("ap_1").orElseThrow();
    assertThat(found.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(found.comment()).isEqualTo("checked");
    assertThat(found.answeredBy()).isEqualTo("ops-alice");
    assertThat(found.answeredByKey()).isEqualTo("key_alice");
    assertThat(found.answeredAt()).isEqualTo(T0.plusMillis(60_000));
  }

  @Test
  void a_replayed_batch_changes_nothing() {
    ExecutionState ex = Executions.running("ex_a", "refund", 0);
    var request = requested("ap_1", "ex_a", "review", 0);
    var answer = answered("ap_1", ApprovalStatus.REJECTED, 10);
    var batch =
        List.of(
            new Transition(ex, true, List.of(), List.of(), List.of(), List.of(), List.of(request)),
            new Transition(ex, false, List.of(), List.of(), List.of(), List.of(), List.of(answer)));

    store.executions().apply(batch);
    Approval once = approvals().find("ap_1").orElseThrow();
    store.executions().apply(batch);

    assertThat(approvals().find("ap_1")).contains(once);
    assertThat(once.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(approvals().list(new ApprovalQuery(Set.of(), "ex_a", null, 10))).hasSize(1);
  }

  @Test
  void asking_again_for_the_same_node_replaces_the_finished_approval_even_in_one_batch() {
    ExecutionState ex = Executions.running("ex_a", "refund", 0);
    apply(ex, true, requested("ap_1", "ex_a", "review", 0));

    // the expiry (on_timeout: fail) and the retry that asks again land in one commit
    apply(
        ex,
        false,
        new ApprovalWrite.Resolved(
            "ap_1", ApprovalStatus.EXPIRED, null, "timeout", null, T0.plusSeconds(1)),
        requested("ap_2", "ex_a", "review", 2_000));

    assertThat(approvals().find("ap_1")).isEmpty();
    Approval again = approvals().find("ap_2").orElseThrow();
    assertThat(again.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(again.answeredBy()).isNull();
    assertThat(again.createdAt()).isEqualTo(T0.plusMillis(2_000));
  }

  @Test
  void a_pending_approval_is_not_replaced_by_another_request() {
    ExecutionState ex = Executions.running("ex_a", "refund", 0);
    apply(ex, true, requested("ap_1", "ex_a", "review", 0));

    apply(ex, false, requested("ap_2", "ex_a", "review", 1));

    assertThat(approvals().find("ap_1").orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(approvals().find("ap_2")).isEmpty();
  }

  @Test
  void lists_newest_first_filtered_by_status_and_execution_with_cursor_pages() {
    ExecutionState a = Executions.running("ex_a", "refund", 0);
    ExecutionState b = Executions.running("ex_b", "refund", 1);
    apply(a, true, requested("ap_1", "ex_a", "first", 10), requested("ap_2", "ex_a", "second", 20));
    apply(b, true, requested("ap_3", "ex_b", "first", 30), requested("ap_4", "ex_b", "second", 30));
    apply(a, false, answered("ap_2", ApprovalStatus.APPROVED, 40));

    List<String> all = ids(new ApprovalQuery(Set.of(), null, null, 10));
    assertThat(all).containsExactly("ap_4", "ap_3", "ap_2", "ap_1");
    assertThat(ids(new ApprovalQuery(Set.of(ApprovalStatus.PENDING), null, null, 10)))
        .containsExactly("ap_4", "ap_3", "ap_1");
    assertThat(
            ids(
                new ApprovalQuery(
                    Set.of(ApprovalStatus.APPROVED, ApprovalStatus.REJECTED), null, null, 10)))
        .containsExactly("ap_2");
    assertThat(ids(new ApprovalQuery(Set.of(), "ex_a", null, 10))).containsExactly("ap_2", "ap_1");

    List<Approval> first = approvals().list(new ApprovalQuery(Set.of(), null, null, 2));
    assertThat(first).extracting(Approval::id).containsExactly("ap_4", "ap_3");
    var after = new ApprovalQuery.Position(first.getLast().createdAt(), first.getLast().id());
    assertThat(ids(new ApprovalQuery(Set.of(), null, after, 2))).containsExactly("ap_2", "ap_1");
  }

  @Test
  void approvals_survive_reopening_the_store() {
    ExecutionState ex = Executions.running("ex_a", "refund", 0);
    apply(ex, true, requested("ap_1", "ex_a", "review", 0));

    reopen();

    assertThat(approvals().find("ap_1").orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  private List<String> ids(ApprovalQuery query) {
    return approvals().list(query).stream().map(Approval::id).toList();
  }
}
