package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.timeout;
import static io.aispine.engine.decider.Flows.waitFor;
import static io.aispine.engine.decider.Flows.waitNode;
import static io.aispine.engine.decider.Flows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderWaitTest {

  @Test
  void waits_for_its_duration_then_succeeds_and_releases_dependents() {
    var s = Scenario.of(flow(waitFor("w", Duration.ofMinutes(5)), task("after", "w")));

    Decision started = s.start();

    assertThat(s.status("w")).isEqualTo(NodeStatus.WAITING);
    var due = Scenario.T0.plus(Duration.ofMinutes(5));
    assertThat(started.commands()).containsExactly(new Command.StartTimer("w", due));
    assertThat(s.eventsOf("w")).containsExactly("timer.started");

    Decision fired = s.at(due).fireTimer("w");

    assertThat(s.status("w")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("w").output()).isEqualTo(Map.of("waited_until", due.toString()));
    assertThat(fired.events())
        .extracting(e -> e.type().wireName())
        .containsExactly("timer.fired", "node.completed", "node.scheduled");
    assertThat(s.scheduledPaths()).containsExactly("after");
  }

  @Test
  void waits_until_the_instant_its_template_yields() {
    var s =
        Scenario.of(
            flow(waitUntil("w", "${inputs.deadline}")),
            Map.of("deadline", "2025-01-02T10:00:00+02:00"));

    Decision d = s.start();

    assertThat(d.commands())
        .containsExactly(
            new Command.StartTimer("w", java.time.Instant.parse("2025-01-02T08:00:00Z")));
  }

  @Test
  void fails_with_an_expression_error_when_until_is_not_an_instant() {
    var s = Scenario.of(flow(waitUntil("w", "${inputs.deadline}")), Map.of("deadline", "soon"));

    Decision d = s.start();

    assertThat(d.commands()).isEmpty();
    assertThat(s.status("w")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("w").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("w").error().message()).contains("'soon' is not an ISO-8601 instant");
  }

  @Test
  void fails_with_timeout_when_the_wait_outlasts_its_timeout() {
    var s =
        Scenario.of(flow(waitNode("w", Duration.ofHours(1), null, timeout(Duration.ofMinutes(1)))));

    Decision started = s.start();
    assertThat(started.commands())
        .containsExactly(new Command.StartTimer("w", Scenario.T0.plus(Duration.ofMinutes(1))));

    s.advance(Duration.ofMinutes(1)).fireTimer("w");

    assertThat(s.status("w")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("w").error().code()).isEqualTo("TIMEOUT");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }
}
