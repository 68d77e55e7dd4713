package io.aispine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The bounds on what an expression may be and produce: a flow file is written by anyone who may
 * deploy, and one expression must not be able to exhaust the memory or the stack of the engine. The
 * numbers are the documented defaults (docs/flows.md, Expressions).
 */
class ExpressionLimitsTest {

  private static final String HALF_MIB = "x".repeat(600_000);

  private final Map<String, Object> names =
      Map.of("inputs", Map.of("n", 2_000_000_000, "small", 10, "big", HALF_MIB));

  @Test
  void a_range_over_ten_thousand_elements_fails_naming_the_expression_and_the_limit() {
    assertThatThrownBy(() -> Expressions.compile("1..2000000000").evaluate(names))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "expression '1..2000000000' makes a range of 2000000000 elements; the limit is 10000");
    assertThatThrownBy(() -> Expressions.compile("size(1..inputs.n) > 0").evaluate(names))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("makes a range of 2000000000 elements; the limit is 10000");
    assertThatThrownBy(() -> Expressions.compile("-5000000000..5000000000").evaluate(names))
        .hasMessageContaining("makes a range of 10000000001 elements");
  }

  @Test
  void a_range_up_to_the_limit_is_allowed_in_either_direction() {
    assertThat(Expressions.compile("size(1..10000)").evaluate(names)).isEqualTo(10_000);
    assertThat(Expressions.compile("size(inputs.small..1)").evaluate(names)).isEqualTo(10);
  }

  @Test
  void a_string_built_by_concatenation_over_one_mebibyte_fails() {
    assertThatThrownBy(() -> Expressions.compile("inputs.big + inputs.big").evaluate(names))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "expression 'inputs.big + inputs.big' builds a string of 1200000 characters;"
                + " the limit is 1048576");
    assertThat(Expressions.compile("inputs.big + '!'").evaluate(names)).isEqualTo(HALF_MIB + "!");
  }

  @Test
  void a_literal_over_a_thousand_elements_fails() {
    String list = "[" + "0,".repeat(1000) + "0]";
    String map = "{" + "0:0,".repeat(1000) + "0:0}";
    String set = "{" + "0,".repeat(1000) + "0}";

    for (String literal : List.of(list, map, set)) {
      assertThatThrownBy(() -> Expressions.compile(literal).evaluate(names))
          .as(literal.substring(0, 10))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("has a literal of 1001 elements; the limit is 1000");
    }
    assertThat(Expressions.compile("[" + "0, ".repeat(999) + "0]").evaluate(names)).isNotNull();
  }

  @Test
  void a_value_weighing_more_than_64_mebibytes_as_json_fails() {
    // 112 references to a 600,000-character string: a runaway value, stopped as soon as it is
    // known to be over, without being written out
    String many = "[" + "inputs.big, ".repeat(111) + "inputs.big]";
    assertThatThrownBy(() -> Expressions.compile(many).evaluate(names))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "expression '"
                + many.substring(0, 60)
                + "...' yields a value of more than 67108864 characters as JSON; the limit is"
                + " 67108864");
    assertThat(Expressions.compile("size([inputs.big, inputs.big])").evaluate(names)).isEqualTo(2);
  }

  @Test
  void the_templates_of_one_tree_together_weigh_at_most_64_mebibytes() {
    var with = new LinkedHashMap<String, Object>();
    for (int i = 0; i < 56; i++) {
      with.put("a" + i, "${inputs.big}");
      with.put("b" + i, List.of("${inputs.big}"));
    }

    assertThatThrownBy(() -> Templates.resolve(with, names))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "the templates yield a value of more than 67108864 characters as JSON;"
                + " the limit is 67108864");
    assertThatThrownBy(() -> Templates.resolve("${inputs.big} and ${inputs.big}", names))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("builds a string of more than 1048576 characters");
    assertThat(Templates.resolve(Map.of("a", "${inputs.big}", "b", "${inputs.big}"), names))
        .isEqualTo(Map.of("a", HALF_MIB, "b", HALF_MIB));
  }

  @Test
  void an_expression_longer_than_4096_characters_is_rejected_before_parsing() {
    String longest = "1" + "+1".repeat(2047);
    String tooLong = longest + "+1";

    assertThat(Expressions.compile(longest).evaluate(names)).isEqualTo(2048);
    assertThatThrownBy(() -> Expressions.compile(tooLong))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression '1+1+1+1+1+")
        .hasMessageEndingWith(
            "' is 4097 characters long; the limit is 4096 (compute long values in an agent)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThatThrownBy(() -> Expressions.compile("1" + "+1".repeat(20_000)))
        .hasMessageContaining("is 40001 characters long");
  }

  @Test
  void nesting_deeper_than_64_is_rejected_at_the_bracket_that_goes_too_deep() {
    String deepest = "(".repeat(64) + "1" + ")".repeat(64);

    assertThat(Expressions.compile(deepest).evaluate(names)).isEqualTo(1);
    for (String tooDeep :
        List.of(
            "(".repeat(65) + "1" + ")".repeat(65),
            "[".repeat(65) + "1" + "]".repeat(65),
            "size(".repeat(65) + "1" + ")".repeat(65),
            "(".repeat(4000) + "1")) {
      assertThatThrownBy(() -> Expressions.compile(tooDeep))
          .as(tooDeep.substring(0, 6))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("is nested more than 64 deep")
          .extracting(e -> ((ExpressionException) e).column())
          .isEqualTo(tooDeep.startsWith("size(") ? 5 * 65 : 65);
    }
  }

  @Test
  void a_run_of_prefix_operators_counts_as_nesting() {
    assertThat(Expressions.compile("!".repeat(64) + "true").evaluate(names)).isEqualTo(true);
    assertThatThrownBy(() -> Expressions.compile("!".repeat(4000) + "true"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("is nested more than 64 deep");
    assertThatThrownBy(() -> Expressions.compile("not ".repeat(65) + "true"))
        .hasMessageContaining("is nested more than 64 deep");
    assertThatThrownBy(() -> Expressions.compile("- ".repeat(40) + "!(".repeat(30) + "1"))
        .hasMessageContaining("is nested more than 64 deep");
    // brackets, quotes and binary operators in a row do not nest
    assertThat(Expressions.compile("'(((' + \")))\" + '[[[' != ''").evaluate(names))
        .isEqualTo(true);
    assertThat(Expressions.compile("1" + " - 1".repeat(500)).evaluate(names)).isEqualTo(-499);
  }

  @Test
  void comments_neither_nest_nor_hide_the_nesting_after_them() {
    assertThat(Expressions.compile("1 /* ((( */ + 2 // )))").evaluate(names)).isEqualTo(3);
    assertThatThrownBy(
            () -> Expressions.compile("1 // don't\n+ " + "(".repeat(65) + "1" + ")".repeat(65)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("is nested more than 64 deep");
    assertThatThrownBy(() -> Expressions.compile("1 ## it's\n+ " + "!".repeat(65) + "true"))
        .hasMessageContaining("is nested more than 64 deep");
  }

  @Test
  void a_stack_overflow_inside_jexl_is_an_expression_error() throws InterruptedException {
    // Within the limits, but more than a thread with a tiny stack can parse (a thousand nested
    // ternaries, which the nesting scan does not count) or evaluate (a chain of 2,000 terms).
    String deep = "1?".repeat(1000) + "1" + ":1".repeat(1000);
    String chain = "1" + "+1".repeat(2000);

    assertThat(onSmallStack(() -> Expressions.compile(deep)))
        .asInstanceOf(InstanceOfAssertFactories.throwable(ExpressionException.class))
        .hasMessageContaining("is too deeply nested to handle; simplify it");
    Expression compiled = Expressions.compile(chain);
    assertThat(onSmallStack(() -> compiled.evaluate(names)))
        .asInstanceOf(InstanceOfAssertFactories.throwable(ExpressionException.class))
        .hasMessageContaining("is too deeply nested to handle; simplify it");
  }

  @Test
  void backquoted_strings_are_forbidden_as_they_build_text_unbounded() {
    assertThatThrownBy(() -> Expressions.compile("`${inputs.big}${inputs.big}`"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("uses a `backquoted` string, which flows may not use")
        .extracting(e -> ((ExpressionException) e).column())
        .isEqualTo(1);
    assertThat(Expressions.compile("'`' + \"`\"").evaluate(names)).isEqualTo("``");
  }

  @Test
  void a_limit_error_at_evaluation_names_its_column_in_the_expression() {
    assertThatThrownBy(() -> Expressions.compile("1 + size(1..2000000000)").evaluate(names))
        .isInstanceOf(ExpressionException.class)
        .extracting(e -> ((ExpressionException) e).column())
        .isNotEqualTo(0);
  }

  /**
   * Runs on a thread with a stack too small for JEXL's recursion on the inputs above (measured:
   * they need several times this much, even once JIT-compiled) and returns what the action returned
   * or threw.
   */
  private static Object onSmallStack(Supplier<Object> action) throws InterruptedException {
    var outcome = new AtomicReference<Object>();
    var thread =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(action.get());
              } catch (RuntimeException | Error e) {
                outcome.set(e);
              }
            },
            "small-stack",
            128 * 1024);
    thread.start();
    thread.join();
    return outcome.get();
  }
}
