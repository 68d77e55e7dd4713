package io.aispine.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The meters of agent calls stay as many as the agents, whatever agents answer. */
class AgentCallMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AgentCallMetrics metrics = new AgentCallMetrics(registry, key -> 0);

  @Test
  void error_codes_beyond_the_first_few_of_a_version_count_as_other() {
    for (int i = 0; i < 500; i++) {
      metrics.onError("reviewer@1.0.0", "CODE_" + i);
    }
    metrics.onError("reviewer@1.0.0", "CODE_0");

    var errors = registry.find("aispine.agent.errors");
    assertThat(errors.counters()).hasSize(AgentCallMetrics.MAX_CODES + 1);
    assertThat(errors.tag("code", "OTHER").counter().count())
        .isEqualTo(500 - AgentCallMetrics.MAX_CODES);
    assertThat(registry.find("aispine.agent.errors").tag("code", "CODE_0").counter().count())
        .isEqualTo(2);
  }
}
