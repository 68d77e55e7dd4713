package io.aispine.agents.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceContextTest {

  private static final String GIVEN = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void passes_on_the_traceparent_of_the_calls_context() {
    assertThat(TraceContext.traceparent(Map.of("traceparent", GIVEN))).isEqualTo(GIVEN);
  }

  @Test
  void makes_a_fresh_valid_traceparent_when_the_context_has_none() {
    String fresh = TraceContext.traceparent(Map.of());
    assertThat(TraceContext.isValid(fresh)).isTrue();
    assertThat(fresh).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(TraceContext.traceparent(Map.of())).isNotEqualTo(fresh);
  }

  @Test
  void replaces_an_invalid_traceparent_rather_than_passing_it_on() {
    String allZeroTrace = "00-00000000000000000000000000000000-00f067aa0ba902b7-01";
    assertThat(TraceContext.traceparent(Map.of("traceparent", allZeroTrace)))
        .isNotEqualTo(allZeroTrace)
        .satisfies(value -> assertThat(TraceContext.isValid(value)).isTrue());
    assertThat(TraceContext.isValid("00-ABC-def-01")).isFalse();
  }
}
