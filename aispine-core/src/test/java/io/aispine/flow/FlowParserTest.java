package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Focused behaviour of the parser beyond the data-driven scenarios. */
class FlowParserTest {

  private static final String TWO_NODES =
      """
      id: demo
      version: 1.2.3
      defaults:
        timeout: 30s
        retry: {max_attempts: 5, backoff: fixed, initial: 2s}
      nodes:
        - id: first
          agent: echo@^1
          with: {text: "${inputs.name}", n: 3}
        - id: second
          needs: first
          agent: echo
          timeout: 1m
          retry: {initial: 100ms, jitter: none}
          on_error: first_aid
        - id: first_aid
          agent: echo
      inputs:
        name: {type: string, required: true}
      """;

  @Test
  void builds_the_model_with_defaults_applied_field_by_field() {
    Flow flow = FlowParser.parse(TWO_NODES, "demo.yaml");

    assertThat(flow.ref()).isEqualTo("demo@1.2.3");
    var first = (TaskNode) flow.node("first").orElseThrow();
    assertThat(first.agentName()).isEqualTo("echo");
    assertThat(first.with()).isEqualTo(Map.of("text", "${inputs.name}", "n", 3));
    assertThat(first.options().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(first.options().retry())
        .isEqualTo(
            new RetryPolicy(
                5,
                RetryPolicy.Backoff.FIXED,
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                2.0,
                RetryPolicy.Jitter.FULL));
    var second = (TaskNode) flow.node("second").orElseThrow();
    assertThat(second.needs()).containsExactly("first");
    assertThat(second.options().timeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(second.options().retry().maxAttempts()).isEqualTo(5);
    assertThat(second.options().retry().backoff()).isEqualTo(RetryPolicy.Backoff.FIXED);
    assertThat(second.options().retry().initial()).isEqualTo(Duration.ofMillis(100));
    assertThat(second.options().retry().jitter()).isEqualTo(RetryPolicy.Jitter.NONE);
    assertThat(second.options().onError()).isEqualTo("first_aid");
    assertThat(flow.source()).isEqualTo(TWO_NODES);
  }

  @Test
  void a_node_without_retry_anywhere_gets_one_attempt() {
    Flow flow = FlowParser.parse("id: a\nversion: 1.0.0\nnodes:\n  - {id: x, agent: echo}\n", "a");

    assertThat(flow.nodes().get(0).options()).isEqualTo(NodeOptions.DEFAULT);
  }

  @Test
  void records_where_each_node_and_branch_was_declared() {
    String yaml =
        """
        id: loc
        version: 1.0.0
        nodes:
          - id: a
            agent: echo
          - id: pick
            type: decision
            needs: a
            when:
              - if: "true"
                then: a2
          - {id: a2, agent: echo}
        """;

    Flow flow = FlowParser.parse(yaml, "loc.yaml");

    assertThat(flow.node("a").orElseThrow().location()).isEqualTo(new SourceLocation(4, 5));
    var pick = (DecisionNode) flow.node("pick").orElseThrow();
    assertThat(pick.location()).isEqualTo(new SourceLocation(6, 5));
    assertThat(pick.when().get(0).location()).isEqualTo(new SourceLocation(10, 9));
    assertThat(pick.targets()).containsExactly("a2");
  }

  @Test
  void rejects_an_unknown_agent_when_the_caller_knows_the_agents() {
    String yaml = "id: a\nversion: 1.0.0\nnodes:\n  - id: x\n    agent: ecko@^1\n";

    var problems = FlowParser.validate(yaml, "a.yaml", Set.of("echo", "sleep")::contains);

    assertThat(problems)
        .extracting(FlowProblem::toString)
        .containsExactly(
            "a.yaml line 5 col 12: node 'x' uses unknown agent 'ecko'; deploy or register it first");
    assertThat(FlowParser.validate(yaml, "a.yaml")).isEmpty();
  }

  @Test
  void reads_a_fallback_agent_and_the_flow_concurrency() {
    String yaml =
        "id: a\nversion: 1.0.0\nconcurrency: {max_running: 4}\nnodes:\n  - id: x\n"
            + "    agent: ocr@^2\n    fallback: backup@^1\n";

    Flow flow = FlowParser.parse(yaml, "a.yaml", Set.of("ocr", "backup")::contains);

    assertThat(flow.concurrency()).isEqualTo(new FlowConcurrency(4));
    assertThat(((TaskNode) flow.nodes().getFirst()).fallback()).isEqualTo("backup@^1");
    assertThat(FlowParser.parse(yaml.replace("concurrency: {max_running: 4}\n", ""), "a.yaml"))
        .satisfies(f -> assertThat(f.concurrency()).isNull());
  }

  @Test
  void rejects_an_unknown_fallback_agent_when_the_caller_knows_the_agents() {
    String yaml = "id: a\nversion: 1.0.0\nnodes:\n  - id: x\n    agent: echo\n    fallback: ecko\n";

    var problems = FlowParser.validate(yaml, "a.yaml", Set.of("echo", "sleep")::contains);

    assertThat(problems)
        .extracting(FlowProblem::toString)
        .containsExactly(
            "a.yaml line 6 col 15: node 'x' falls back to unknown agent 'ecko'; deploy or"
                + " register it first");
  }

  @Test
  void exception_lists_every_problem_in_file_order() {
    String yaml = "id: a\nversion: 1\nnodes:\n  - id: x\n    agent: echo\n    need: [y]\n";

    assertThatThrownBy(() -> FlowParser.parse(yaml, "flows/a.yaml"))
        .isInstanceOfSatisfying(
            FlowValidationException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.problems().get(0).pointer()).isEqualTo("/version");
              assertThat(e.problems().get(1).pointer()).isEqualTo("/nodes/0/need");
            })
        .hasMessageContaining("2 problems")
        .hasMessageContaining("flows/a.yaml line 2 col 10: version must be a semantic version")
        .hasMessageContaining(
            "flows/a.yaml line 6 col 5: node 'x': unknown field 'need' (did you mean 'needs'?)");
  }

  @Test
  void problem_reads_as_file_line_column_and_message() {
    var problem =
        new FlowProblem(
            "flows/kyc.yaml",
            14,
            9,
            "/nodes/1/needs/0",
            "node 'ocr' needs unknown node 'dowload' (did you mean 'download'?)");

    assertThat(problem)
        .hasToString(
            "flows/kyc.yaml line 14 col 9: node 'ocr' needs unknown node 'dowload' (did you mean"
                + " 'download'?)");
  }

  @Test
  void points_into_a_quoted_template_at_the_offending_expression() {
    String yaml =
        """
        id: a
        version: 1.0.0
        nodes:
          - id: x
            agent: echo
            with: {text: "Hi ${nodes.y.output}"}
        """;

    var problem = FlowParser.validate(yaml, "a").get(0);

    assertThat(problem.line()).isEqualTo(6);
    assertThat(problem.column()).isEqualTo(30); // the 'y' of nodes.y
    assertThat(problem.pointer()).isEqualTo("/nodes/0/with/text");
  }

  @Test
  void refuses_documents_larger_than_one_mebibyte() {
    String huge = "id: a\nversion: 1.0.0\ndescription: \"" + "x".repeat(1024 * 1024) + "\"\n";

    assertThat(FlowParser.validate(huge, "big.yaml"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("larger than 1024 KiB"));
  }

  @Test
  void refuses_documents_nested_too_deeply() {
    String deep = "id: a\nversion: 1.0.0\nnodes: " + "[".repeat(200) + "]".repeat(200) + "\n";

    assertThat(FlowParser.validate(deep, "deep.yaml")).isNotEmpty();
  }

  @Test
  void refuses_an_empty_file() {
    assertThat(FlowParser.validate("# nothing\n", "empty.yaml"))
        .extracting(FlowProblem::message)
        .containsExactly("the flow file is empty");
  }
}
