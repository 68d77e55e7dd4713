package io.aispine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ErrorInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentExceptionTest {

  @Test
  void each_kind_of_failure_becomes_an_error_with_its_own_retryability() {
    assertThat(new AgentException.Retryable("UPSTREAM_DOWN", "try later").toErrorInfo())
        .isEqualTo(ErrorInfo.retryable("UPSTREAM_DOWN", "try later"));
    assertThat(new AgentException.Unreachable("AGENT_UNREACHABLE", "cannot connect").toErrorInfo())
        .isEqualTo(ErrorInfo.retryable("AGENT_UNREACHABLE", "cannot connect"));
    assertThat(new AgentException.Permanent("INVALID_INPUT", "no text").toErrorInfo())
        .isEqualTo(ErrorInfo.permanent("INVALID_INPUT", "no text"));
  }

  /**
   * On JDK 25.0.3 a virtual thread can run a stale compiled exception handler (JDK-8389310): the
   * engine's worker, compiled while only {@code Permanent} was in use, had {@code toErrorInfo()}
   * bound to {@code Permanent}'s override, and the first {@code Retryable} thrown into it was
   * recorded as permanent (AgentCircuitTest failed a node on its first attempt). An error's data
   * must therefore come from the exception itself, never from which override gets dispatched.
   */
  @Test
  void an_error_as_data_never_depends_on_which_override_a_caller_dispatches_to()
      throws NoSuchMethodException {
    Method toErrorInfo = AgentException.class.getMethod("toErrorInfo");
    Method code = AgentException.class.getMethod("code");

    assertThat(Modifier.isFinal(toErrorInfo.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(code.getModifiers())).isTrue();
    List<Class<?>> kinds =
        List.of(
            AgentException.Retryable.class,
            AgentException.Unreachable.class,
            AgentException.Permanent.class);
    assertThat(kinds)
        .allSatisfy(
            kind ->
                assertThat(Arrays.stream(kind.getDeclaredMethods()).map(Method::getName))
                    .doesNotContain("toErrorInfo", "code"));
  }
}
