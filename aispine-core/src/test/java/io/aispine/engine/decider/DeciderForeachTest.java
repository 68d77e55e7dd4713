package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.FlowParser;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.api.MapAssert;
import org.junit.jupiter.api.Test;

class DeciderForeachTest {

  private static final InstanceOfAssertFactory<Map, MapAssert<String, Object>> MAP =
      InstanceOfAssertFactories.map(String.class, Object.class);

  private static final String GUESTS =
      """
      id: guests
      version: 1.0.0
      inputs:
        guests: {type: array}
      nodes:
        - id: guests
          type: foreach
          items: "${inputs.guests}"
          max_concurrency: 2
          body:
            - id: enrich
              agent: echo
              with: {name: "${item}", index: "${item_index}"}
      """;

  private static Scenario guests(String yaml, List<String> names) {
    return Scenario.of(FlowParser.parse(yaml, "guests.yaml"), Map.of("guests", names));
  }

  @Test
  void runs_at_most_max_concurrency_items_at_once_and_collects_outputs_in_item_order() {
    var s = guests(GUESTS, List.of("ada", "bob", "cy", "dee"));

    s.start();
    assertThat(s.scheduledPaths()).containsExactly("guests/0/enrich", "guests/1/enrich");
    assertThat(s.runTasks().get(1).input()).isEqualTo(Map.of("name", "bob", "index", 1));

    s.run("guests/1/enrich", "B");
    assertThat(s.scheduledPaths()).containsExactly("guests/2/enrich");
    s.run("guests/2/enrich", "C");
    assertThat(s.scheduledPaths()).containsExactly("guests/3/enrich");
    s.run("guests/3/enrich", "D");
    assertThat(s.scheduledPaths()).isEmpty();
    s.run("guests/0/enrich", "A");

    assertThat(s.status("guests")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("guests").output())
        .isEqualTo(
            Map.of(
                "outputs",
                List.of("A", "B", "C", "D"),
                "errors",
                List.of(),
                "succeeded",
                4,
                "failed",
                0));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void an_empty_list_succeeds_at_once() {
    var s = guests(GUESTS, List.of());
    s.start();
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.node("guests").output()).extracting("outputs").isEqualTo(List.of());
  }

  @Test
  void fail_fast_cancels_the_running_items_and_fails() {
    var s = guests(GUESTS, List.of("ada", "bob", "cy"));
    s.start();
    s.claim("guests/0/enrich");

    Decision failed = s.runAndFail("guests/1/enrich", ErrorInfo.permanent("NOPE", "bad guest"));

    assertThat(s.status("guests")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("guests").error().message()).contains("item 1", "bad guest");
    assertThat(s.status("guests/0/enrich")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(failed.commands()).contains(new Command.CancelTask("guests/0/enrich"));
    assertThat(s.state().nodes()).doesNotContainKey("guests/2/enrich");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void continue_keeps_going_and_reports_failed_items_with_their_errors() {
    var s =
        guests(
            GUESTS.replace("max_concurrency: 2", "max_concurrency: 2\n    on_item_error: continue"),
            List.of("ada", "bob", "cy"));
    s.start();
    s.runAndFail("guests/0/enrich", ErrorInfo.permanent("NOPE", "bad guest"));
    s.run("guests/1/enrich", "B");
    s.run("guests/2/enrich", "C");

    assertThat(s.status("guests")).isEqualTo(NodeStatus.SUCCEEDED);
    @SuppressWarnings("unchecked")
    var output = (Map<String, Object>) s.node("guests").output();
    assertThat(output.get("outputs")).isEqualTo(java.util.Arrays.asList(null, "B", "C"));
    assertThat(output.get("failed")).isEqualTo(1);
    assertThat((List<?>) output.get("errors"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .asInstanceOf(MAP)
                    .containsEntry("index", 0)
                    .containsEntry("node", "guests/0/enrich"));
  }

  @Test
  void items_that_are_not_a_list_fail_the_node_with_an_expression_error() {
    var s =
        Scenario.of(
            FlowParser.parse(GUESTS.replace("{type: array}", "{type: string}"), "g.yaml"),
            Map.of("guests", "ada"));
    s.start();
    assertThat(s.status("guests")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("guests").error().code()).isEqualTo("EXPRESSION_ERROR");
    assertThat(s.node("guests").error().message()).contains("must yield a list");
  }

  @Test
  void an_output_template_gives_each_item_its_value_and_a_loop_nests_in_a_foreach() {
    var flow =
        FlowParser.parse(
            """
            id: nest
            version: 1.0.0
            inputs:
              guests: {type: array}
            nodes:
              - id: guests
                type: foreach
                items: "${inputs.guests}"
                output: "${nodes.retry.output.output}"
                body:
                  - id: retry
                    type: loop
                    max_iterations: 3
                    until: "nodes.ask.output.ok"
                    body:
                      - id: ask
                        agent: echo
                        with: {who: "${item}", round: "${loop.iteration}"}
            """,
            "nest.yaml");
    var s = Scenario.of(flow, Map.of("guests", List.of("ada", "bob")));
    s.start();
    assertThat(s.scheduledPaths()).containsExactly("guests/0/retry/1/ask", "guests/1/retry/1/ask");
    assertThat(s.runTasks().get(1).input()).isEqualTo(Map.of("who", "bob", "round", 1));
    s.run("guests/0/retry/1/ask", Map.of("ok", true, "who", "ada"));
    s.run("guests/1/retry/1/ask", Map.of("ok", false));
    s.run("guests/1/retry/2/ask", Map.of("ok", true, "who", "bob"));

    assertThat(s.node("guests").output())
        .extracting("outputs")
        .isEqualTo(List.of(Map.of("ok", true, "who", "ada"), Map.of("ok", true, "who", "bob")));
  }
}
