package io.aispine.agents.builtin;

import static io.aispine.agents.builtin.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentResult;
import io.aispine.agent.BuiltinAgents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinAgentsTest {

  private final BuiltinAgents agents = BuiltinAgents.load();

  @Test
  void finds_all_five_builtin_agents_at_version_1_0_0() {
    assertThat(agents.providers()).containsKeys("echo", "sleep", "fail", "http", "whatsapp");
    for (String name : new String[] {"echo", "sleep", "fail", "http", "whatsapp"}) {
      var provider = agents.providers().get(name);
      assertThat(provider.version()).isEqualTo("1.0.0");
      assertThat(provider.description()).isNotBlank();
    }
  }

  @Test
  void resolves_echo_by_name_and_by_a_compatible_range() throws Exception {
    assertThat(agents.resolve("echo")).isPresent();
    assertThat(agents.resolve("echo@^1")).isPresent();

    var input = Map.of("x", 1);
    assertThat(agents.resolve("echo@^1").orElseThrow().execute(call(input)))
        .isEqualTo(AgentResult.success(input));
  }

  @Test
  void rejects_a_range_that_excludes_the_version() {
    assertThat(agents.resolve("echo@^2")).isEmpty();
  }

  @Test
  void finds_no_agent_for_an_unknown_name() {
    assertThat(agents.resolve("no-such-agent")).isEmpty();
  }
}
