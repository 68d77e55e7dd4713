package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mcp: server/tool} is a task on the built-in {@code mcp} agent, the tool as its action. */
class McpTaskParsingTest {

  @Test
  void mcp_node_becomes_a_task_on_the_mcp_agent_with_the_tool_as_action() {
    Flow flow =
        FlowParser.parse(
            """
            id: tools
            version: 1.0.0
            nodes:
              - id: say
                mcp: everything/echo
                with: {message: hi}
                timeout: 5s
            """,
            "tools.yaml");

    TaskNode say = (TaskNode) flow.node("say").orElseThrow();
    assertThat(say.agent()).isEqualTo("mcp");
    assertThat(say.action()).isEqualTo("everything/echo");
    assertThat(say.with()).isEqualTo(Map.of("message", "hi"));
    assertThat(say.options().timeout()).hasSeconds(5);
  }
}
