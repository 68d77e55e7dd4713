package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.execution.Usage;
import io.aispine.store.ExecutionStore;
import io.aispine.store.StoreException;
import io.aispine.store.Transition;
import io.aispine.store.WriteRejectedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ExecutionStore} dialect must show. */
abstract class ExecutionStoreContract extends StoreContract {

  private ExecutionStore executions() {
    return store.executions();
  }

  @Test
  void round_trips_a_full_execution_state() {
    ExecutionState state = Executions.full("ex_full");

    executions().apply(List.of(Executions.stateOnly(state, true)));

    ExecutionState found = executions().find("ex_full").orElseThrow();
    assertThat(found).isEqualTo(state);
    // key order is part of "exactly": users see outputs and inputs in the order they were made
    assertThat(found.nodes().keySet()).containsExactlyElementsOf(state.nodes().keySet());
    assertThat(found.inputs().keySet()).containsExactlyElementsOf(state.inputs().keySet());
  }

  @Test
  void writes_only_the_node_states_a_transition_changed_and_keeps_their_order() {
    ExecutionState start = Executions.running("ex_nodes", "f", 0);
    var nodes = new LinkedHashMap<String, NodeState>();
    nodes.put("zeta", NodeState.PENDING);
    nodes.put("alpha", NodeState.PENDING);
    executions()
        .apply(
            List.of(
                new Transition(
                    Executions.with(start, ExecutionStatus.RUNNING, 1, nodes),
                    true,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of())));

    var done =
        new NodeState(
            NodeStatus.SKIPPED, 0, 0, null, null, null, "not_activated", null, Executions.T0);
    nodes.put("zeta", done);
    nodes.put("alpha", done);
    nodes.put("beta", done);
    // zeta changed in memory but is not listed: a store writes only what a transition names
    executions()
        .apply(
            List.of(
                new Transition(
                    Executions.with(start, ExecutionStatus.RUNNING, 2, nodes),
                    false,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of("beta", "alpha"))));

    ExecutionState found = executions().find("ex_nodes").orElseThrow();
    assertThat(found.nodes().keySet()).containsExactly("zeta", "alpha", "beta");
    assertThat(found.node("zeta")).isEqualTo(NodeState.PENDING);
    assertThat(found.node("alpha")).isEqualTo(done);
    assertThat(found.node("beta")).isEqualTo(done);
    assertThat(executions().list("f", 10)).singleElement().isEqualTo(found);
  }

  @Test
  void finds_nothing_for_an_unknown_execution() {
    assertThat(executions().find("ex_missing")).isEmpty();
    assertThat(executions().events("ex_missing", 0, 10)).isEmpty();
    assertThat(executions().runs("ex_missing")).isEmpty();
  }

  @Test
  void applies_nothing_of_a_batch_when_one_statement_fails() {
    ExecutionState good = Executions.running("ex_good", "f", 0);
    ExecutionState other = Executions.running("ex_other", "f", 0);
    // an event of an execution that does not exist breaks the foreign key, after the good rows
    Transition broken =
        new Transition(
            other,
            true,
            List.of(Executions.event("ex_nowhere", 1, EventType.EXECUTION_STARTED, null)),
            List.of(),
            List.of(),
            List.of());
    Transition fine =
        new Transition(
            good,
            true,
            List.of(Executions.event("ex_good", 1, EventType.EXECUTION_STARTED, null)),
            List.of(Executions.scheduled("ex_good", "a", 1)),
            List.of(Executions.runTask("ex_good", "a", 1)),
            List.of());

    // the data is to blame, not the store: the committer then isolates the batch's culprit
    assertThatThrownBy(() -> executions().apply(List.of(fine, broken)))
        .isInstanceOf(WriteRejectedException.class)
        .hasMessageContaining("none of them was applied");

    assertThat(executions().find("ex_good")).isEmpty();
    assertThat(executions().find("ex_other")).isEmpty();
    assertThat(executions().events("ex_good", 0, 10)).isEmpty();
    assertThat(executions().runs("ex_good")).isEmpty();
    assertThat(executions().tasks()).isEmpty();
  }

  @Test
  void returns_events_in_order_after_a_sequence_number() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    List<ExecutionEvent> first = Executions.events("ex_1", 1, 3);
    List<ExecutionEvent> second = Executions.events("ex_1", 4, 6);
    executions()
        .apply(List.of(new Transition(state, true, first, List.of(), List.of(), List.of())));
    executions()
        .apply(List.of(new Transition(state, false, second, List.of(), List.of(), List.of())));

    assertThat(executions().events("ex_1", 0, 100))
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
    assertThat(executions().events("ex_1", 2, 3))
        .extracting(ExecutionEvent::seq)
        .containsExactly(3L, 4L, 5L);
    assertThat(executions().events("ex_1", 6, 10)).isEmpty();
  }

  @Test
  void ignores_events_replayed_with_a_known_sequence_number() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    List<ExecutionEvent> events = Executions.events("ex_1", 1, 3);
    Transition transition = new Transition(state, true, events, List.of(), List.of(), List.of());
    executions().apply(List.of(transition));

    executions().apply(List.of(transition));
    ExecutionEvent impostor =
        new ExecutionEvent(
            "ex_1", 2, EventType.NODE_FAILED, "other", 9, T0, Map.of("forged", true));
    executions().apply(List.of(Executions.withEvents(state, impostor)));

    assertThat(executions().events("ex_1", 0, 100)).containsExactlyElementsOf(events);
  }

  @Test
  void writes_the_last_state_when_a_batch_holds_several_of_one_execution() {
    ExecutionState created = Executions.running("ex_1", "f", 0);
    ExecutionState later = Executions.with(created, ExecutionStatus.RUNNING, 2, Map.of());
    ExecutionState last = Executions.with(created, ExecutionStatus.SUCCEEDED, 3, Map.of());

    executions()
        .apply(
            List.of(
                Executions.stateOnly(created, true),
                Executions.stateOnly(later, false),
                Executions.stateOnly(last, false)));

    assertThat(executions().find("ex_1")).contains(last);
  }

  @Test
  void never_moves_a_state_back_to_an_older_sequence_number() {
    ExecutionState created = Executions.running("ex_1", "f", 0);
    ExecutionState newer = Executions.with(created, ExecutionStatus.SUCCEEDED, 5, Map.of());
    executions().apply(List.of(Executions.stateOnly(created, true)));
    executions().apply(List.of(Executions.stateOnly(newer, false)));

    executions().apply(List.of(Executions.stateOnly(created, true)));

    assertThat(executions().find("ex_1")).contains(newer);
  }

  @Test
  void records_an_attempt_from_scheduled_to_finished() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    var scheduled = Executions.scheduled("ex_1", "ocr", 1);
    executions()
        .apply(
            List.of(
                new Transition(state, true, List.of(), List.of(scheduled), List.of(), List.of())));

    NodeRun run = executions().runs("ex_1").getFirst();
    assertThat(run.status()).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(run.idempotencyKey()).isEqualTo("ex_1/ocr/1");
    assertThat(run.input()).isEqualTo(Map.of("document", "f.jpg"));
    assertThat(run.scheduledAt()).isEqualTo(T0);
    assertThat(run.startedAt()).isNull();

    executions()
        .apply(
            List.of(
                Executions.withRuns(
                    state, new RunChange.Started("ex_1", "ocr", 1, T0.plusSeconds(1)))));
    assertThat(executions().runs("ex_1").getFirst())
        .extracting(NodeRun::status, NodeRun::startedAt)
        .containsExactly(NodeStatus.RUNNING, T0.plusSeconds(1));

    Usage usage = new Usage("gpt-x", 120, 30, 0.0042);
    executions()
        .apply(
            List.of(
                Executions.withRuns(
                    state,
                    new RunChange.Finished(
                        "ex_1",
                        "ocr",
                        1,
                        NodeStatus.SUCCEEDED,
                        Map.of("mrz", Map.of("valid", true)),
                        null,
                        usage,
                        T0.plusSeconds(2)))));
    assertThat(executions().runs("ex_1"))
        .containsExactly(
            new NodeRun(
                "ex_1",
                "ocr",
                1,
                NodeStatus.SUCCEEDED,
                "ocr@^1",
                Map.of("document", "f.jpg"),
                Map.of("mrz", Map.of("valid", true)),
                null,
                usage,
                "ex_1/ocr/1",
                T0,
                T0.plusSeconds(1),
                T0.plusSeconds(2)));
  }

  @Test
  void folds_an_attempt_scheduled_started_and_failed_within_one_batch() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    ErrorInfo error = ErrorInfo.retryable("TIMEOUT", "30s");
    executions()
        .apply(
            List.of(
                Executions.stateOnly(state, true),
                Executions.withRuns(state, Executions.scheduled("ex_1", "a", 1)),
                Executions.withRuns(
                    state, new RunChange.Started("ex_1", "a", 1, T0.plusSeconds(1))),
                Executions.withRuns(
                    state,
                    new RunChange.Finished(
                        "ex_1", "a", 1, NodeStatus.FAILED, null, error, null, T0.plusSeconds(2)))));

    NodeRun run = executions().runs("ex_1").getFirst();
    assertThat(run.status()).isEqualTo(NodeStatus.FAILED);
    assertThat(run.error()).isEqualTo(error);
    assertThat(run.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void keeps_a_finished_attempt_when_its_scheduling_is_replayed() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    Transition schedule =
        new Transition(
            state,
            true,
            List.of(),
            List.of(Executions.scheduled("ex_1", "a", 1)),
            List.of(),
            List.of());
    executions().apply(List.of(schedule));
    executions()
        .apply(
            List.of(
                Executions.withRuns(
                    state,
                    new RunChange.Finished(
                        "ex_1",
                        "a",
                        1,
                        NodeStatus.SUCCEEDED,
                        "ok",
                        null,
                        null,
                        T0.plusSeconds(1)))));

    executions().apply(List.of(schedule));

    assertThat(executions().runs("ex_1").getFirst())
        .extracting(NodeRun::status, NodeRun::output)
        .containsExactly(NodeStatus.SUCCEEDED, "ok");
  }

  @Test
  void lists_attempts_by_path_then_attempt() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    executions()
        .apply(
            List.of(
                new Transition(
                    state,
                    true,
                    List.of(),
                    List.of(
                        Executions.scheduled("ex_1", "b", 2),
                        Executions.scheduled("ex_1", "a", 1),
                        Executions.scheduled("ex_1", "b", 1),
                        Executions.scheduled("ex_1", "B", 1)),
                    List.of(),
                    List.of())));

    assertThat(executions().runs("ex_1"))
        .extracting(run -> run.path() + "#" + run.attempt())
        .containsExactly("B#1", "a#1", "b#1", "b#2");
  }

  @Test
  void puts_replaces_and_removes_tasks() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    var ocr = Executions.runTask("ex_1", "ocr", 1);
    var wait = Executions.timer("ex_1", "wait", T0.plusSeconds(60));
    executions()
        .apply(
            List.of(
                new Transition(state, true, List.of(), List.of(), List.of(ocr, wait), List.of())));
    assertThat(executions().tasks()).containsExactly(ocr, wait);

    // a retry: the attempt's task is removed and a timer for the same path put in its place
    var retry = Executions.timer("ex_1", "ocr", T0.plusSeconds(5));
    executions().apply(List.of(Executions.withTasks(state, List.of(retry), List.of("ocr"))));
    assertThat(executions().tasks()).containsExactly(retry, wait);

    executions().apply(List.of(Executions.withTasks(state, List.of(), List.of("ocr", "wait"))));
    assertThat(executions().tasks()).isEmpty();
  }

  @Test
  void applies_task_changes_of_one_batch_in_order() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    var first = Executions.runTask("ex_1", "a", 1);
    var second = Executions.runTask("ex_1", "a", 2);
    executions()
        .apply(
            List.of(
                Executions.stateOnly(state, true),
                Executions.withTasks(state, List.of(first), List.of()),
                Executions.withTasks(state, List.of(), List.of("a")),
                Executions.withTasks(state, List.of(second), List.of())));

    assertThat(executions().tasks()).containsExactly(second);
  }

  @Test
  void finds_only_running_executions_as_active() {
    ExecutionState running = Executions.running("ex_run", "f", 0);
    ExecutionState done =
        Executions.with(
            Executions.running("ex_done", "f", 1), ExecutionStatus.SUCCEEDED, 1, Map.of());
    ExecutionState failed =
        Executions.with(Executions.running("ex_fail", "f", 2), ExecutionStatus.FAILED, 1, Map.of());
    executions()
        .apply(
            List.of(
                Executions.stateOnly(running, true),
                Executions.stateOnly(done, true),
                Executions.stateOnly(failed, true)));

    assertThat(executions().findActive()).containsExactly(running);
  }

  @Test
  void lists_newest_first_optionally_by_flow() {
    executions()
        .apply(
            List.of(
                Executions.stateOnly(Executions.running("ex_a", "kyc", 0), true),
                Executions.stateOnly(Executions.running("ex_b", "other", 1), true),
                Executions.stateOnly(Executions.running("ex_c", "kyc", 2), true)));

    assertThat(executions().list(null, 10))
        .extracting(ExecutionState::id)
        .containsExactly("ex_c", "ex_b", "ex_a");
    assertThat(executions().list("kyc", 10))
        .extracting(ExecutionState::id)
        .containsExactly("ex_c", "ex_a");
    assertThat(executions().list(null, 1)).extracting(ExecutionState::id).containsExactly("ex_c");
  }

  @Test
  void sees_everything_after_reopening() {
    ExecutionState state = Executions.full("ex_1");
    var task = Executions.runTask("ex_1", "ocr", 3);
    executions()
        .apply(
            List.of(
                new Transition(
                    state,
                    true,
                    Executions.events("ex_1", 1, 42),
                    List.of(Executions.scheduled("ex_1", "ocr", 3)),
                    List.of(task),
                    List.of())));

    reopen();

    assertThat(executions().find("ex_1")).contains(state);
    assertThat(executions().events("ex_1", 0, 100)).hasSize(42);
    assertThat(executions().runs("ex_1")).hasSize(1);
    assertThat(executions().tasks()).containsExactly(task);
  }

  @Test
  void rejects_a_second_engine_on_the_same_store() {
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is in use by")
        .hasMessageContaining("pid " + ProcessHandle.current().pid());
    // the refused engine must not have disturbed the one that holds the store
    assertThat(store.isReachable()).isTrue();
    executions().apply(List.of(Executions.stateOnly(Executions.running("ex_1", "f", 0), true)));
  }

  @Test
  void lets_another_engine_in_once_the_first_closed() {
    store.close();
    store = null;

    try (JdbcStore next = open()) {
      assertThat(next.isReachable()).isTrue();
    }
  }
}
