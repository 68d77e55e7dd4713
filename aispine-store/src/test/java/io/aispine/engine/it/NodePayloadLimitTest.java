package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentResult;
import io.aispine.engine.InvalidInputsException;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node's input and output, and an execution's inputs, may weigh as stored JSON: over the
 * limit (1 MiB by default) the node fails for good with an error naming the limit and the setting,
 * or the start is refused, and nothing of the value is written.
 */
class NodePayloadLimitTest {

  private static final int MIB = 1024 * 1024;

  @TempDir Path dataDir;

  private final AtomicInteger bigCalls = new AtomicInteger();
  private final AtomicInteger downstreamCalls = new AtomicInteger();

  private EngineHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private void open() {
    harness =
        EngineHarness.open(
            () -> JdbcStore.openDataDir(dataDir),
            new TestAgents()
                .with(
                    "big",
                    call -> {
                      bigCalls.incrementAndGet();
                      int kib = ((Number) ((Map<?, ?>) call.input()).get("kib")).intValue();
                      return AgentResult.success(Map.of("s", "x".repeat(kib * 1024)));
                    })
                .with(
                    "lazy-billions",
                    // a list of two billion elements that exists only as a view: serialising it
                    // would take gigabytes, measuring it must not
                    call -> AgentResult.success(Collections.nCopies(2_000_000_000, "item")))
                .with(
                    "downstream",
                    call -> {
                      downstreamCalls.incrementAndGet();
                      return AgentResult.success(Map.of("ok", true));
                    }));
  }

  @Test
  void an_output_over_the_limit_fails_the_node_for_good_naming_the_limit() throws Exception {
    open();
    var flow =
        EngineHarness.parse(
            """
            id: big-output
            version: 1.0.0
            nodes:
              - id: b
                agent: big
                with: {kib: 2048}
                retry: {max_attempts: 3, initial: 10ms}
              - {id: after, agent: downstream, needs: b}
            """);

    ExecutionState done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    NodeState b = done.node("b");
    assertThat(b.status()).isEqualTo(NodeStatus.FAILED);
    assertThat(b.error().code()).isEqualTo("OUTPUT_TOO_LARGE");
    assertThat(b.error().retryable()).isFalse();
    assertThat(b.error().message())
        .isEqualTo("node 'b' output is 2.0 MiB; the limit is 1 MiB (AISPINE_MAX_NODE_PAYLOAD)");
    assertThat(b.output()).isNull();
    assertThat(bigCalls).hasValue(1); // permanent: the same output would be refused again
    assertThat(downstreamCalls).hasValue(0);
    assertThat(harness.engine().runs(done.id()))
        .allSatisfy(run -> assertThat(run.output()).isNull());
  }

  @Test
  void a_two_billion_element_output_is_refused_without_being_serialised() throws Exception {
    open();
    var flow =
        EngineHarness.parse(
            """
            id: lazy-output
            version: 1.0.0
            nodes:
              - {id: bomb, agent: lazy-billions}
            """);

    ExecutionState done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.node("bomb").error().code()).isEqualTo("OUTPUT_TOO_LARGE");
    assertThat(done.node("bomb").error().message())
        .startsWith("node 'bomb' output is more than ")
        .endsWith("; the limit is 1 MiB (AISPINE_MAX_NODE_PAYLOAD)");
  }

  @Test
  void an_input_over_the_limit_fails_the_node_before_its_agent_is_called() throws Exception {
    open();
    // 700 KiB twice: each output fits, the input built from both does not
    var flow =
        EngineHarness.parse(
            """
            id: big-input
            version: 1.0.0
            nodes:
              - {id: a, agent: big, with: {kib: 700}}
              - id: b
                agent: downstream
                needs: a
                with: {first: "${nodes.a.output.s}", second: "${nodes.a.output.s}"}
            """);

    ExecutionState done = harness.await(harness.engine().start(flow, Map.of()));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.node("a").status()).isEqualTo(NodeStatus.SUCCEEDED);
    NodeState b = done.node("b");
    assertThat(b.status()).isEqualTo(NodeStatus.FAILED);
    assertThat(b.error().code()).isEqualTo("INPUT_TOO_LARGE");
    assertThat(b.error().retryable()).isFalse();
    assertThat(b.error().message())
        .isEqualTo("node 'b' input is 1.4 MiB; the limit is 1 MiB (AISPINE_MAX_NODE_PAYLOAD)");
    assertThat(downstreamCalls).hasValue(0);
    assertThat(harness.engine().runs(done.id())).noneMatch(run -> run.path().equals("b"));
    assertThat(harness.store().executions().tasks()).isEmpty();
  }

  @Test
  void execution_inputs_over_the_limit_are_refused_before_anything_is_stored() {
    open();
    var flow =
        EngineHarness.parse(
            """
            id: big-inputs
            version: 1.0.0
            inputs:
              text: {type: string, required: true}
            nodes:
              - {id: a, agent: downstream}
            """);

    assertThatThrownBy(
            () -> harness.engine().start(flow, Map.of("text", "y".repeat(MIB + MIB / 2))))
        .isInstanceOf(InvalidInputsException.class)
        .hasMessageContaining(
            "the inputs are 1.5 MiB; the limit is 1 MiB (AISPINE_MAX_NODE_PAYLOAD)");
    assertThat(harness.store().executions().findActive()).isEmpty();
    assertThat(downstreamCalls).hasValue(0);
  }
}
