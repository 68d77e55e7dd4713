package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderCancelTest {

  @Test
  void cancel_stops_every_unfinished_node_and_interrupts_running_work() {
    var s =
        Scenario.of(
            flow(
                task("running"),
                task("scheduled"),
                task("retrying", retrying(retry(3, Duration.ofSeconds(1)))),
                waitFor("waiting", Duration.ofHours(1)),
                task("pending", "running"),
                task("done")));
    s.start();
    s.claim("running");
    s.runAndFail("retrying", ErrorInfo.retryable("X", "again"));
    s.run("done", Map.of());

    Decision d = s.cancel("operator said so");

    assertThat(d.commands())
        .containsExactlyInAnyOrder(
            new Command.CancelTask("running"),
            new Command.CancelTask("scheduled"),
            new Command.CancelTask("retrying"),
            new Command.CancelTask("waiting"));
    assertThat(d.runs())
        .extracting(RunChange::path)
        .containsExactlyInAnyOrder("running", "scheduled");
    assertThat(d.runs())
        .allSatisfy(
            r -> assertThat(((RunChange.Finished) r).status()).isEqualTo(NodeStatus.CANCELLED));
    for (String id : new String[] {"running", "scheduled", "retrying", "waiting", "pending"}) {
      assertThat(s.status(id)).as(id).isEqualTo(NodeStatus.CANCELLED);
      assertThat(s.node(id).reason()).isEqualTo("operator said so");
    }
    assertThat(s.status("done")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(s.state().finishedAt()).isEqualTo(s.now());
    assertThat(d.events().get(d.events().size() - 1).type())
        .isEqualTo(EventType.EXECUTION_CANCELLED);
    assertThat(d.events()).filteredOn(e -> e.type() == EventType.NODE_CANCELLED).hasSize(5);
  }

  @Test
  void cancelling_a_finished_execution_is_rejected() {
    var s = Scenario.of(flow(task("a")));
    s.start();
    s.cancel("first");

    assertThat(s.cancel("second").rejection()).contains("already cancelled");
  }
}
