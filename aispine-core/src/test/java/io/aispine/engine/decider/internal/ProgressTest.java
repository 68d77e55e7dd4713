package io.aispine.engine.decider.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a container remembers while it runs is read back from the store; a container that has not
 * started yet, or a progress document of an unexpected shape, reads as "nothing done yet".
 */
class ProgressTest {

  private static NodeState running(Object progress) {
    return new NodeState(NodeStatus.RUNNING, 0, 0, progress, null, Handling.NONE, null, null, null);
  }

  @Test
  void reads_what_a_running_foreach_remembers() {
    NodeState foreach = running(Progress.foreach(List.of("a", "b"), 2, 1));

    assertThat(Progress.items(foreach)).containsExactly("a", "b");
    assertThat(Progress.started(foreach)).isEqualTo(2);
    assertThat(Progress.finished(foreach)).isEqualTo(1);
  }

  @Test
  void a_container_without_progress_has_done_nothing_yet() {
    for (NodeState state :
        List.of(
            NodeState.PENDING,
            running("not a map"),
            running(Map.of("iteration", "three", "outputs", "none", "items", 5)))) {
      assertThat(Progress.iteration(state)).isZero();
      assertThat(Progress.outputs(state)).isEmpty();
      assertThat(Progress.items(state)).isEmpty();
      assertThat(Progress.started(state)).isZero();
      assertThat(Progress.finished(state)).isZero();
    }
  }
}
