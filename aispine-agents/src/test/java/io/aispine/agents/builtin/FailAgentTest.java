package io.aispine.agents.builtin;

import static io.aispine.agents.builtin.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailAgentTest {

  private final Agent fail = new FailAgentProvider().create();

  @Test
  void fails_first_n_attempts_then_recovers() throws Exception {
    var input = Map.<String, Object>of("times", 2);

    assertThatThrownBy(() -> fail.execute(call(input, 1)))
        .isInstanceOf(AgentException.Retryable.class);
    assertThatThrownBy(() -> fail.execute(call(input, 2)))
        .isInstanceOf(AgentException.Retryable.class);
    AgentResult third = fail.execute(call(input, 3));

    assertThat(third).isEqualTo(AgentResult.success(Map.of("attempt", 3, "recovered", true)));
  }

  @Test
  void fails_every_attempt_when_times_is_not_given() {
    for (int attempt : new int[] {1, 2, 1000}) {
      assertThatThrownBy(() -> fail.execute(call(Map.of(), attempt)))
          .isInstanceOfSatisfying(
              AgentException.Retryable.class,
              e -> assertThat(e.code()).isEqualTo("INJECTED_FAILURE"));
    }
  }

  @Test
  void succeeds_at_once_when_times_is_zero() throws Exception {
    assertThat(fail.execute(call(Map.of("times", 0), 1)))
        .isEqualTo(AgentResult.success(Map.of("attempt", 1, "recovered", true)));
  }

  @Test
  void fails_permanently_when_not_retryable() {
    assertThatThrownBy(() -> fail.execute(call(Map.of("times", 1, "retryable", false), 1)))
        .isInstanceOf(AgentException.Permanent.class);
  }

  @Test
  void fails_with_the_code_and_message_asked_for() {
    var input = Map.<String, Object>of("code", "UPSTREAM_DOWN", "message", "try later");

    assertThatThrownBy(() -> fail.execute(call(input, 1)))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class,
            e -> {
              assertThat(e.code()).isEqualTo("UPSTREAM_DOWN");
              assertThat(e.getMessage()).isEqualTo("try later");
              assertThat(e.toErrorInfo().retryable()).isTrue();
            });
  }

  @Test
  void decides_by_attempt_alone_so_a_fresh_agent_after_a_restart_agrees() throws Exception {
    var input = Map.<String, Object>of("times", 2);
    Agent afterRestart = new FailAgentProvider().create();

    assertThatThrownBy(() -> afterRestart.execute(call(input, 2)))
        .isInstanceOf(AgentException.Retryable.class);
    assertThat(afterRestart.execute(call(input, 3))).isEqualTo(fail.execute(call(input, 3)));
  }

  @Test
  void rejects_inputs_of_the_wrong_type_permanently_naming_the_field() {
    assertInvalid(Map.of("times", "two"), "'times'");
    assertInvalid(Map.of("times", -1), "'times'");
    assertInvalid(Map.of("retryable", "yes"), "'retryable'");
    assertInvalid(Map.of("code", 42), "'code'");
    assertInvalid(Map.of("message", Map.of()), "'message'");
  }

  private void assertInvalid(Map<String, Object> input, String field) {
    assertThatThrownBy(() -> fail.execute(call(input, 1)))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_INPUT");
              assertThat(e.getMessage()).contains(field);
            });
  }
}
