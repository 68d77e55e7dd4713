package io.aispine.engine.decider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.FlowGraph;
import io.aispine.flow.FlowParser;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decider's working copy of an execution refuses the transitions the tables forbid, and a node
 * that ends twice (a redelivered result) wakes its dependents only once.
 */
class DraftTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final FlowGraph GRAPH =
      FlowGraph.of(
          FlowParser.parse(
              """
              id: draft
              version: 1.0.0
              nodes:
                - {id: a, agent: echo}
                - {id: b, agent: echo, needs: a}
              """,
              "draft.yaml"));

  private static Draft draft(ExecutionStatus status) {
    var state =
        new ExecutionState(
            "ex_draft",
            "draft",
            "1.0.0",
            status,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            T0,
            null,
            0,
            null,
            null,
            Map.of());
    return new Draft(
        GRAPH, state, new Fact.RetryRequested("ex_draft", T0), 0.5, PayloadLimit.DEFAULT);
  }

  private static NodeState ended(NodeStatus status) {
    return new NodeState(status, 1, 1, null, null, Handling.NONE, null, T0, T0, 1);
  }

  @Test
  void names_a_path_that_is_no_node_of_the_flow() {
    assertThatThrownBy(() -> draft(ExecutionStatus.RUNNING).locate("a/1/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flow draft has no node instance 'a/1/x'");
  }

  @Test
  void a_node_that_ends_again_does_not_wake_its_dependents_again() {
    Draft draft = draft(ExecutionStatus.RUNNING);

    draft.put("a", ended(NodeStatus.SUCCEEDED));
    assertThat(draft.pollDirty()).isEqualTo("b");
    draft.put("a", ended(NodeStatus.SUCCEEDED));

    assertThat(draft.pollDirty()).isNull();
    assertThat(draft.takeTouched("a")).isEmpty();
  }

  @Test
  void refuses_to_end_an_execution_that_ended() {
    Draft draft = draft(ExecutionStatus.SUCCEEDED);

    assertThatThrownBy(() -> draft.end(ExecutionStatus.FAILED, Map.of(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("illegal execution transition SUCCEEDED -> FAILED");
  }

  @Test
  void reopens_only_a_failed_execution() {
    assertThatThrownBy(() -> draft(ExecutionStatus.CANCELLED).reopen())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("illegal execution transition CANCELLED -> RUNNING");
  }
}
