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

  private static Flow flow() {
    var inputs = new LinkedHashMap<String, InputSpec>();
    inputs.put("phone", new InputSpec("phone", InputType.STRING, true, null, ""));
    inputs.put("count", new InputSpec("count", InputType.INTEGER, false, null, ""));
    inputs.put("lang", new InputSpec("lang", InputType.STRING, false, "en", ""));
    return new Flow("f", FlowVersion.parse("1.0.0"), "", inputs, List.of(), Map.of(), "");
  }
}
