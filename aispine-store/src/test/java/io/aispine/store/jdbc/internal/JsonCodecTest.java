package io.aispine.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.ReplayOrigin;
import io.aispine.execution.Usage;
import io.aispine.store.StoreException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  private static final Instant NANOS = Instant.parse("2026-03-01T10:15:30.123456789Z");

  private final JsonCodec json = new JsonCodec();

  @Test
  void round_trips_an_execution_state_exactly() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("zeta", 1);
    inputs.put("alpha", Arrays.asList(2_147_483_648L, 1.5, "two", true, null));
    inputs.put("big", new BigInteger("123456789012345678901234567890"));
    inputs.put("none", null);
    inputs.put("nested", Map.of("ñ", List.of(Map.of("deep", false))));
    Map<String, NodeState> nodes = new LinkedHashMap<>();
    nodes.put(
        "ocr",
        new NodeState(
            NodeStatus.FAILED,
            2,
            99,
            inputs,
            ErrorInfo.retryable("TIMEOUT", "slow"),
            Handling.CONTINUED,
            "why",
            NANOS,
            NANOS.plusSeconds(1)));
    nodes.put("download", NodeState.PENDING);
    ExecutionState state =
        new ExecutionState(
            "ex_1",
            "kyc",
            "1.0.0",
            ExecutionStatus.CANCELLED,
            inputs,
            nodes,
            Map.of("ok", true),
            ErrorInfo.permanent("CANCELLED", "by operator"),
            NANOS,
            NANOS.plusMillis(1),
            7);

    String text = json.write(state);
    ExecutionState back = json.state(text);

    assertThat(back).isEqualTo(state);
    assertThat(back.inputs().keySet()).containsExactly("zeta", "alpha", "big", "none", "nested");
    assertThat(back.nodes().keySet()).containsExactly("ocr", "download");
    assertThat(json.write(back)).isEqualTo(text);
  }

  @Test
  void round_trips_the_origin_of_a_replay_and_reads_states_written_before_replays_existed() {
    ExecutionState replay =
        new ExecutionState(
            "ex_2",
            "kyc",
            "1.0.0",
            ExecutionStatus.RUNNING,
            Map.of(),
            Map.of("ocr", NodeState.PENDING),
            Map.of(),
            null,
            NANOS,
            null,
            3,
            new ReplayOrigin("ex_1", "ocr", List.of("download"), List.of("download")));

    assertThat(json.state(json.write(replay))).isEqualTo(replay);
    String older = json.write(replay).replaceAll(",\"replayOf\":\\{[^}]*\\}", "");
    assertThat(older).doesNotContain("replayOf");
    assertThat(json.state(older).replayOf()).isNull();
  }

  @Test
  void round_trips_the_pinned_agent_versions_and_reads_states_written_before_them() {
    var pinned =
        new ExecutionState(
            "ex_1",
            "kyc",
            "1.0.0",
            ExecutionStatus.RUNNING,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            NANOS,
            null,
            1,
            null,
            null,
            Map.of("reviewer@^1", "reviewer@1.0.0", "echo", "echo@1.0.0"));

    assertThat(json.state(json.write(pinned))).isEqualTo(pinned);
    assertThat(json.state(json.stateWithoutNodes(pinned), List.of())).isEqualTo(pinned);

    String older = json.write(pinned).replaceFirst(",\"agents\":\\{[^}]*\\}", "");
    assertThat(older).doesNotContain("agents");
    assertThat(json.state(older).agents()).isEmpty();
  }

  @Test
  void writes_statuses_as_enum_names_and_instants_as_iso_text() {
    String text = json.write(Map.of("status", NodeStatus.SUCCEEDED, "at", NANOS));

    assertThat(text).contains("\"SUCCEEDED\"").contains("\"2026-03-01T10:15:30.123456789Z\"");
  }

  @Test
  void writes_record_components_only() {
    String text = json.write(NodeState.PENDING);

    // countsAsSuccess() and failedUnhandled() are derived, not state
    assertThat(text).doesNotContain("countsAsSuccess").doesNotContain("failedUnhandled");
  }

  @Test
  void round_trips_a_task_with_its_timeout() {
    Command.RunTask task =
        new Command.RunTask(
            "review/2/ocr", 3, 42, "ocr@^1", null, List.of(1, "a"), Duration.ofMillis(1500), NANOS);

    assertThat(json.runTask(json.write(task))).isEqualTo(task);
  }

  @Test
  void round_trips_errors_usage_and_json_like_values() {
    ErrorInfo error = ErrorInfo.retryable("AGENT_ERROR", "503");
    Usage usage = new Usage("gpt-x", 10, 20, 0.000123);
    List<Object> value = new ArrayList<>(Arrays.asList(1, 3_000_000_000L, 0.1, "s", null));

    assertThat(json.error(json.write(error))).isEqualTo(error);
    assertThat(json.usage(json.write(usage))).isEqualTo(usage);
    assertThat(json.usage(json.write(Usage.NONE))).isEqualTo(Usage.NONE);
    assertThat(json.value(json.write(value))).isEqualTo(value);
    assertThat(json.value(json.write("plain"))).isEqualTo("plain");
  }

  @Test
  void keeps_null_as_null() {
    assertThat(json.write(null)).isNull();
    assertThat(json.value(null)).isNull();
    assertThat(json.error(null)).isNull();
    assertThat(json.object(null)).isEmpty();
  }

  @Test
  void refuses_a_value_json_cannot_hold_as_the_data_s_fault() {
    assertThatThrownBy(() -> json.write(new Object()))
        .isInstanceOf(io.aispine.store.WriteRejectedException.class)
        .hasMessageContaining("cannot store a java.lang.Object as JSON");
  }

  @Test
  void writes_exactly_as_many_bytes_as_the_engine_s_payload_limit_measures() {
    var value = new java.util.LinkedHashMap<String, Object>();
    value.put("text", "caf\u00e9 \u2620 \"quoted\"\n");
    value.put("at", Instant.parse("2026-01-01T00:00:00.123456Z"));
    value.put("error", ErrorInfo.permanent("X", "why"));
    value.put("items", List.of(1, 2.5, true, Map.of("k", List.of())));

    byte[] written = json.write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(io.aispine.engine.internal.JsonSize.of(value, Long.MAX_VALUE))
        .isEqualTo(new io.aispine.engine.internal.JsonSize(written.length, true, null));
  }

  @Test
  void reports_unreadable_json_as_a_store_exception() {
    assertThatThrownBy(() -> json.state("{\"id\": 1, \"surprise\": true}"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("stored JSON cannot be read");
  }
}
