package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Expressions that would exhaust the server's stack or memory: rejected at deploy with a located
 * 422 when they can be judged from the text, and failing their node for good when they can only be
 * judged at run time, while the engine goes on running other executions.
 */
class FlowExpressionLimitsTest extends ServerTestBase {

  @Test
  void answers_422_with_line_and_column_for_templates_nesting_thousands_of_parentheses() {
    JsonNode tooLong = rejected(nested(5000));
    JsonNode tooDeep = rejected(nested(1000));

    assertThat(tooLong.get("pointer").asText()).isEqualTo("/nodes/0/with/v");
    assertThat(tooLong.get("line").asInt()).isEqualTo(6);
    // where the expression starts, after `    with: {v: "${`
    assertThat(tooLong.get("column").asInt()).isEqualTo(18);
    assertThat(tooLong.get("detail").asText())
        .contains("node 'a'")
        .contains("is 10001 characters long; the limit is 4096");
    assertThat(tooDeep.get("line").asInt()).isEqualTo(6);
    // the 65th '('
    assertThat(tooDeep.get("column").asInt()).isEqualTo(18 + 64);
    assertThat(tooDeep.get("detail").asText()).contains("is nested more than 64 deep");
  }

  private static String nested(int parentheses) {
    return """
        id: deep
        version: 1.0.0
        nodes:
          - id: a
            agent: echo
            with: {v: "${%s}"}
        """
        .formatted("(".repeat(parentheses) + "1" + ")".repeat(parentheses));
  }

  @Test
  void answers_422_for_a_decision_condition_chaining_20000_terms() {
    String chain = "1" + "+1".repeat(20_000) + " > 0";
    String yaml =
        """
        id: long
        version: 1.0.0
        nodes:
          - id: a
            agent: echo
          - id: route
            type: decision
            needs: [a]
            when:
              - if: "%s"
                then: [b]
          - id: b
            agent: echo
        """
            .formatted(chain);

    JsonNode error = rejected(yaml);

    assertThat(error.get("pointer").asText()).isEqualTo("/nodes/1/when/0/if");
    assertThat(error.get("line").asInt()).isEqualTo(10);
    assertThat(error.get("column").asInt()).isEqualTo(14);
    assertThat(error.get("detail").asText())
        .contains("is 40005 characters long; the limit is 4096")
        .hasSizeLessThan(300);
  }

  @Test
  void answers_422_for_a_range_with_constant_bounds_over_the_limit() {
    String yaml =
        """
        id: bomb2
        version: 1.0.0
        nodes:
          - {id: a, agent: sleep, with: {ms: 300}}
          - {id: b, agent: echo, needs: a, with: {v: "${1..2000000000}"}}
        """;

    JsonNode error = rejected(yaml);

    assertThat(error.get("pointer").asText()).isEqualTo("/nodes/1/with/v");
    assertThat(error.get("line").asInt()).isEqualTo(5);
    assertThat(error.get("column").asInt()).isPositive();
    assertThat(error.get("detail").asText())
        .isEqualTo(
            "node 'b': expression '1..2000000000' makes a range of 2000000000 elements; the"
                + " limit is 10000");
  }

  @Test
  void a_range_over_the_limit_at_run_time_fails_its_node_for_good_and_the_engine_runs_on() {
    assertThat(
            api.deploy(
                    """
                    id: bomb
                    version: 1.0.0
                    inputs:
                      n: {type: integer, required: true}
                    nodes:
                      - {id: a, agent: sleep, with: {ms: 1}}
                      - id: b
                        agent: echo
                        needs: a
                        retry: {max_attempts: 3}
                        with: {v: "${1..inputs.n}"}
                    """)
                .status())
        .isEqualTo(201);
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);

    JsonNode bomb = api.awaitFinished(api.start("bomb", "{\"n\": 2000000000}"));
    JsonNode hello = api.awaitFinished(api.start("hello", "{\"name\": \"Ada\"}"));

    assertThat(bomb.get("status").asText()).isEqualTo("failed");
    JsonNode b = bomb.get("nodes").get(1);
    assertThat(b.get("path").asText()).isEqualTo("b");
    assertThat(b.get("status").asText()).isEqualTo("failed");
    assertThat(b.at("/error/code").asText()).isEqualTo("EXPRESSION_ERROR");
    assertThat(b.at("/error/retryable").asBoolean()).isFalse();
    assertThat(b.at("/error/message").asText())
        .isEqualTo(
            "expression '1..inputs.n' makes a range of 2000000000 elements; the limit is 10000");
    assertThat(b.get("runs")).isEmpty();
    assertThat(hello.get("status").asText()).isEqualTo("succeeded");
  }

  private JsonNode rejected(String yaml) {
    Api.Answer answer = api.deploy(yaml);
    assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("type").asText()).isEqualTo("urn:aispine:problem:invalid-flow");
    assertThat(answer.json().get("errors")).hasSize(1);
    return answer.json().get("errors").get(0);
  }
}
