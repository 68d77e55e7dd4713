package io.aispine.engine.decider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The node moves refuse what the transition table forbids, so that a bug in the decider shows as an
 * exception at the move rather than as an impossible state in the store.
 */
class NodeMovesTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static NodeState state(NodeStatus status, String reason) {
    return new NodeState(status, 1, 7, null, null, Handling.NONE, reason, AT, null, 1);
  }

  @Test
  void a_redelivered_schedule_keeps_the_node_scheduled() {
    NodeState again = NodeMoves.scheduled(state(NodeStatus.SCHEDULED, null), 1, 8);

    assertThat(again.status()).isEqualTo(NodeStatus.SCHEDULED);
    assertThat(again.lease()).isEqualTo(8);
    assertThat(again.startedAt()).isEqualTo(AT);
  }

  @Test
  void refuses_to_schedule_a_node_that_succeeded() {
    assertThatThrownBy(() -> NodeMoves.scheduled(state(NodeStatus.SUCCEEDED, null), 2, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("illegal node transition SUCCEEDED -> SCHEDULED");
  }

  @Test
  void only_a_scheduled_node_is_held_back() {
    assertThatThrownBy(() -> NodeMoves.heldBack(state(NodeStatus.RUNNING, null), "DRAINING"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("only a scheduled node is held back");
  }

  @Test
  void only_a_held_back_node_is_rechecked_and_only_a_rechecked_one_resumes() {
    assertThatThrownBy(() -> NodeMoves.rechecking(state(NodeStatus.SCHEDULED, null), AT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("only a node held back is re-checked");
    assertThatThrownBy(() -> NodeMoves.resumed(state(NodeStatus.SCHEDULED, "DRAINING")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("only a re-checked node resumes");
    assertThatThrownBy(() -> NodeMoves.resumed(state(NodeStatus.RUNNING, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("only a re-checked node resumes");

    NodeState rechecking = NodeMoves.rechecking(state(NodeStatus.SCHEDULED, "DRAINING"), AT);
    assertThat(rechecking.reason()).isEqualTo("DRAINING");
    assertThat(NodeMoves.resumed(rechecking).reason()).isNull();
  }

  @Test
  void only_a_running_container_progresses() {
    assertThatThrownBy(() -> NodeMoves.progressed(state(NodeStatus.WAITING, null), 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("only a running container progresses, not WAITING");
  }
}
