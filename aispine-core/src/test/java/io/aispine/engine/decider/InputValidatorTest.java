package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.engine.InvalidInputsException;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowVersion;
import io.aispine.flow.InputSpec;
import io.aispine.flow.InputType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

  private static final Flow FLOW = flow();

  @Test
  void applies_defaults_and_keeps_declaration_order() {
    var inputs = InputValidator.validate(FLOW, Map.of("phone", "+33", "count", 2));

    assertThat(inputs)
        .containsExactly(Map.entry("phone", "+33"), Map.entry("count", 2), Map.entry("lang", "en"));
  }

  @Test
  void leaves_out_an_optional_input_without_default() {
    var inputs = InputValidator.validate(FLOW, Map.of("phone", "+33"));

    assertThat(inputs).containsOnlyKeys("phone", "lang");
  }

  @Test
  void names_every_missing_unknown_and_mistyped_input() {
    var given = new LinkedHashMap<String, Object>();
    given.put("count", "two");
    given.put("colour", "red");

    assertThatThrownBy(() -> InputValidator.validate(FLOW, given))
        .isInstanceOfSatisfying(
            InvalidInputsException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "input 'colour' is not declared by the flow (declared: phone, count, lang)",
                        "input 'phone' is required",
                        "input 'count' must be integer, was string two"));
  }

  @Test
  void describes_each_kind_of_mistyped_value_and_cuts_long_ones() {
    var inputs = new LinkedHashMap<String, InputSpec>();
    for (String name : List.of("a", "b", "c", "d", "e", "f")) {
      inputs.put(name, new InputSpec(name, InputType.STRING, false, null, ""));
    }
    inputs.put("g", new InputSpec("g", InputType.BOOLEAN, false, null, ""));
    var flow = new Flow("f", FlowVersion.parse("1.0.0"), "", inputs, List.of(), Map.of(), "");
    var given = new LinkedHashMap<String, Object>();
    given.put("a", true);
    given.put("b", 1.5);
    given.put("c", Map.of("k", 1));
    given.put("d", List.of(1));
    given.put("e", new java.math.BigDecimal("2"));
    given.put("f", 'x');
    given.put("g", "y".repeat(50));

    assertThatThrownBy(() -> InputValidator.validate(flow, given))
        .isInstanceOfSatisfying(
            InvalidInputsException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "input 'a' must be string, was boolean true",
                        "input 'b' must be string, was number 1.5",
                        "input 'c' must be string, was object {k=1}",
                        "input 'd' must be string, was array [1]",
                        "input 'e' must be string, was number 2",
                        "input 'f' must be string, was character x",
                        "input 'g' must be boolean, was string " + "y".repeat(37) + "..."));
  }

  @Test
  void no_inputs_given_is_no_inputs_and_names_a_flow_that_declares_none() {
    var none = new Flow("f", FlowVersion.parse("1.0.0"), "", Map.of(), List.of(), Map.of(), "");

    assertThat(InputValidator.validate(none, null)).isEmpty();
    assertThatThrownBy(() -> InputValidator.validate(none, Map.of("x", 1)))
        .isInstanceOfSatisfying(
            InvalidInputsException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("input 'x' is not declared by the flow (it declares none)"));
  }

  private static Flow flow() {
    var inputs = new LinkedHashMap<String, InputSpec>();
    inputs.put("phone", new InputSpec("phone", InputType.STRING, true, null, ""));
    inputs.put("count", new InputSpec("count", InputType.INTEGER, false, null, ""));
    inputs.put("lang", new InputSpec("lang", InputType.STRING, false, "en", ""));
    return new Flow("f", FlowVersion.parse("1.0.0"), "", inputs, List.of(), Map.of(), "");
  }
}
