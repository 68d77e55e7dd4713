package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.TriggerRule;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An input template over an expression limit fails its node for good. The flow is built in code:
 * validation now rejects a constant range this large, but a flow stored before it was validated
 * under the old rules, and a range whose bound is read at run time passes validation.
 */
class DeciderExpressionLimitTest {

  @Test
  void a_range_over_the_limit_fails_the_node_permanently_without_calling_the_agent() {
    var bomb =
        flow(
            task("a", Map.of("ms", 300)),
            task(
                "b",
                TriggerRule.ALL_SUCCESS,
                retrying(retry(3, Duration.ofSeconds(1))),
                Map.of("v", "${1..2000000000}"),
                "a"));
    var s = Scenario.of(bomb);
    s.start();

    s.run("a", Map.of());

    assertThat(s.status("b")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("b").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("b").error().retryable()).isFalse();
    assertThat(s.node("b").error().message())
        .isEqualTo(
            "expression '1..2000000000' makes a range of 2000000000 elements; the limit is 10000");
    assertThat(s.eventsOf("b")).containsExactly("node.failed");
    assertThat(s.scheduledPaths()).isEmpty();
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void a_range_bounded_by_an_input_fails_the_same_way_at_run_time() {
    var s = Scenario.of(flow(task("b", Map.of("v", "${1..inputs.n}"))), Map.of("n", 2_000_000_000));

    s.start();

    assertThat(s.status("b")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("b").error().retryable()).isFalse();
    assertThat(s.node("b").error().message()).contains("the limit is 10000");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }
}
