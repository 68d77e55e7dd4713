package io.aispine.server.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's meters stay as many as its agents, whatever flows send. */
class ServerMetricsTest {

  private final ServerMetrics metrics = new ServerMetrics();

  @Test
  void node_durations_are_counted_by_agent_name_not_by_the_range_a_flow_wrote() {
    // found by fuzzing: every deployed "echo@>=0.0.N" added a histogram that was never freed
    for (int i = 0; i < 200; i++) {
      String execution = "ex_" + i;
      metrics.onEvent(
          event(execution, EventType.NODE_SCHEDULED, Map.of("agent", "echo@>=0.0." + i)));
      metrics.onEvent(event(execution, EventType.NODE_COMPLETED, Map.of("duration_ms", 3)));
    }

    assertThat(metrics.registry().find("aispine.node.duration").timers())
        .singleElement()
        .satisfies(
            timer -> {
              assertThat(timer.getId().getTag("agent")).isEqualTo("echo");
              assertThat(timer.count()).isEqualTo(200);
            });
  }

  @Test
  void a_failed_execution_leaves_nothing_queued_behind() {
    metrics.onEvent(event("ex_1", EventType.NODE_SCHEDULED, Map.of("agent", "echo")));
    metrics.onEvent(event("ex_1", EventType.EXECUTION_FAILED, Map.of()));

    assertThat(metrics.registry().find("aispine.queue.depth").gauge().value()).isZero();
  }

  private static ExecutionEvent event(String execution, EventType type, Map<String, Object> data) {
    return new ExecutionEvent(
        execution, 1, type, type.name().startsWith("NODE") ? "a" : null, 1, Instant.EPOCH, data);
  }
}
