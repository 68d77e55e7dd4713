package io.aispine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionsTest {

  private final Map<String, Object> names =
      Map.of(
          "inputs", Map.of("count", 3, "name", "Ada", "tags", List.of("a", "b")),
          "nodes", Map.of("ocr", Map.of("output", Map.of("score", 0.95, "valid", true))));

  @Test
  void evaluates_comparisons_with_word_and_symbol_operators() {
    assertThat(
            Expressions.compile("nodes.ocr.output.score >= 0.9 and inputs.count > 2").test(names))
        .isTrue();
    assertThat(Expressions.compile("not nodes.ocr.output.valid || inputs.count == 3").test(names))
        .isTrue();
    assertThat(Expressions.compile("!(inputs.name != 'Ada')").test(names)).isTrue();
    assertThat(Expressions.compile("size(inputs.tags)").evaluate(names)).isEqualTo(2);
  }

  @Test
  void missing_map_key_reads_as_null_and_fails_no_condition() {
    assertThat(Expressions.compile("nodes.ocr.output.missing == null").test(names)).isTrue();
    assertThat(Expressions.compile("nodes.ocr.output.missing").test(names)).isFalse();
  }

  @Test
  void property_of_a_skipped_nodes_missing_output_is_null_not_an_error() {
    var withSkipped = Map.<String, Object>of("nodes", Map.of("confirm", Map.of()));
    assertThat(Expressions.compile("nodes.confirm.output.message").evaluate(withSkipped)).isNull();
  }

  @Test
  void forbidden_construct_is_named_plainly() {
    assertThatThrownBy(() -> Expressions.compile("while (true) {}"))
        .hasMessageEndingWith("uses a forbidden construct: loop");
  }

  @Test
  void reports_variables_read_for_validation() {
    assertThat(Expressions.compile("nodes.ocr.output.score > inputs.count").variables())
        .containsExactly(List.of("nodes", "ocr", "output", "score"), List.of("inputs", "count"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "inputs.class",
        "inputs['class']",
        "inputs.name.getClass()",
        "new('java.io.File', '/')",
        "inputs.x = 1",
        "for (x : inputs.tags) { 1 }",
        "var x = 1",
        "(x) -> x",
        "inputs.name.length()",
        "while (true) {}"
      })
  void rejects_side_effects_loops_and_class_access(String source) {
    assertThatThrownBy(() -> Expressions.compile(source))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining(source);
  }

  @Test
  void rejects_malformed_expression_with_column() {
    assertThatThrownBy(() -> Expressions.compile("inputs.count >"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void non_boolean_condition_is_an_error_naming_the_value() {
    assertThatThrownBy(() -> Expressions.compile("inputs.name").test(names))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("must be true or false");
  }

  @Test
  void whole_string_template_keeps_type_and_embedded_template_renders_text() {
    assertThat(Templates.resolve("${inputs.count}", names)).isEqualTo(3);
    assertThat(Templates.resolve("Hello ${inputs.name}, ${inputs.count}!", names))
        .isEqualTo("Hello Ada, 3!");
    assertThat(Templates.resolve(Map.of("a", List.of("${inputs.tags}")), names))
        .isEqualTo(Map.of("a", List.of(List.of("a", "b"))));
    assertThat(Templates.resolve("cost $${x}", names)).isEqualTo("cost ${x}");
  }

  @Test
  void lists_expressions_inside_a_tree_and_rejects_unclosed_template() {
    assertThat(Templates.expressions(Map.of("x", "a ${inputs.name} b ${'}'}")))
        .containsExactly("inputs.name", "'}'");
    assertThatThrownBy(() -> Templates.expressions("oops ${inputs.name"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("without a closing");
  }
}
