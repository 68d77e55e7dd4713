package io.aispine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.flow.FlowParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

  private static final Map<String, String> VALUES = Map.of("TOKEN", "t0ken", "KEY", "k3y");

  private static Object call(Object with, Map<String, Object> inputs) {
    Object stored = Templates.resolveKeepingSecrets(with, Map.of("inputs", inputs));
    return SecretReferences.substitute(stored, VALUES::get);
  }

  @Test
  void keeps_references_as_placeholders_in_the_stored_input_and_fills_them_in_the_call() {
    Map<String, Object> with =
        Map.of("auth", "Bearer ${secrets.TOKEN}", "key", "${ secrets.KEY }", "n", "${inputs.n}");
    Object stored = Templates.resolveKeepingSecrets(with, Map.of("inputs", Map.of("n", 3)));

    assertThat(stored)
        .isEqualTo(Map.of("auth", "Bearer ${secrets.TOKEN}", "key", "${secrets.KEY}", "n", 3));
    assertThat(SecretReferences.names(stored)).containsExactlyInAnyOrder("TOKEN", "KEY");
    assertThat(SecretReferences.substitute(stored, VALUES::get))
        .isEqualTo(Map.of("auth", "Bearer t0ken", "key", "k3y", "n", 3));
  }

  @Test
  void data_that_names_a_secret_reaches_the_agent_as_written_never_as_the_value() {
    Map<String, Object> inputs =
        Map.of(
            "q", "${secrets.TOKEN}",
            "deep", Map.of("list", List.of("x $${secrets.KEY} y")),
            "raw", "$$$${secrets.TOKEN}");
    Map<String, Object> with =
        Map.of(
            "q", "${inputs.q}",
            "text", "say ${inputs.q} and ${inputs.deep}",
            "deep", "${inputs.deep}",
            "raw", "${inputs.raw}",
            "literal", "$${secrets.TOKEN}");

    Object sent = call(with, inputs);

    assertThat(sent.toString()).doesNotContain("t0ken").doesNotContain("k3y");
    assertThat(sent)
        .isEqualTo(
            Map.of(
                "q", "${secrets.TOKEN}",
                "text", "say ${secrets.TOKEN} and {\"list\":[\"x $${secrets.KEY} y\"]}",
                "deep", Map.of("list", List.of("x $${secrets.KEY} y")),
                "raw", "$$$${secrets.TOKEN}",
                "literal", "${secrets.TOKEN}"));
  }

  @Test
  void a_flow_may_reference_secrets_only_alone_and_only_in_a_task_nodes_with() {
    String base =
        """
        id: s
        version: 1.0.0
        nodes:
          - id: a
            agent: echo
            with: {token: "${secrets.TOKEN}", mixed: "Bearer ${secrets.TOKEN}"}
        """;
    assertThat(FlowParser.validate(base, "s.yaml")).isEmpty();

    assertThat(
            FlowParser.validate(
                    base.replace("${secrets.TOKEN}\"}", "${secrets.TOKEN + 'x'}\"}"), "s.yaml")
                .toString())
        .contains("a secret is referenced alone, as ${secrets.NAME}");
    assertThat(
            FlowParser.validate(base + "outputs:\n  leak: \"${secrets.TOKEN}\"\n", "s.yaml")
                .toString())
        .contains("secrets may be used only in a task node's with");
  }
}
