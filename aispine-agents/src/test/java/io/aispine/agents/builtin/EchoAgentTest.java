package io.aispine.agents.builtin;

import static io.aispine.agents.builtin.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoAgentTest {

  private final Agent echo = new EchoAgentProvider().create();

  @Test
  void answers_with_the_input_tree_unchanged() throws Exception {
    var input = Map.of("name", "Ada", "tags", List.of("a", "b"), "nested", Map.of("n", 1));

    AgentResult result = echo.execute(call(input));

    assertThat(result).isInstanceOf(AgentResult.Success.class);
    assertThat(((AgentResult.Success) result).output()).isSameAs(input);
  }

  @Test
  void answers_with_non_object_inputs_as_they_are() throws Exception {
    assertThat(output(List.of(1, 2))).isEqualTo(List.of(1, 2));
    assertThat(output("text")).isEqualTo("text");
    assertThat(output(null)).isNull();
  }

  private Object output(Object input) throws Exception {
    return ((AgentResult.Success) echo.execute(call(input))).output();
  }
}
