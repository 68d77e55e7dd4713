package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentNamesTest {

  private static final String FORK =
      """
      id: a
      version: 1.0.0
      nodes:
        - id: race
          type: fork
          join: {strategy: first}
          branches:
            fast:
              - id: quick
                agent: ech0
                fallback: slep@^1
            slow:
              - id: careful
                agent: sleep
      """;

  @Test
  void names_a_misspelt_agent_in_a_fork_branch_with_the_closest_known_name() {
    var problems = FlowParser.validate(FORK, "a.yaml", AgentNames.of(Set.of("echo", "sleep")));

    assertThat(problems)
        .extracting(FlowProblem::toString)
        .containsExactly(
            "a.yaml line 10 col 18: node 'quick' uses unknown agent 'ech0' (did you mean 'echo'?)",
            "a.yaml line 11 col 21: node 'quick' falls back to unknown agent 'slep' (did you mean"
                + " 'sleep'?)");
  }

  @Test
  void lists_the_known_names_when_none_is_close() {
    String yaml = "id: a\nversion: 1.0.0\nnodes:\n  - id: x\n    agent: reverser\n";

    var problems = FlowParser.validate(yaml, "a.yaml", AgentNames.of(List.of("sleep", "echo")));

    assertThat(problems)
        .extracting(FlowProblem::message)
        .containsExactly("node 'x' uses unknown agent 'reverser'; known agents: echo, sleep");
  }

  @Test
  void accepts_known_names_with_or_without_a_range_and_grows_with_more_names() {
    String yaml = "id: a\nversion: 1.0.0\nnodes:\n  - id: x\n    agent: reverser@^0.1\n";
    AgentNames builtins = AgentNames.of(Set.of("echo"));

    assertThat(FlowParser.validate(yaml, "a.yaml", builtins)).hasSize(1);
    assertThat(FlowParser.validate(yaml, "a.yaml", builtins.with(Set.of("reverser")))).isEmpty();
    assertThat(builtins.with(Set.of("reverser")).names()).containsExactly("echo", "reverser");
  }
}
