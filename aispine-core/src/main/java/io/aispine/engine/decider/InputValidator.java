package io.aispine.engine.decider;

import io.aispine.engine.InvalidInputsException;
import io.aispine.flow.Flow;
import io.aispine.flow.InputSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Checks execution inputs against a flow's declared inputs and applies the defaults. */
public final class InputValidator {

  private InputValidator() {}

  /**
   * The inputs to start with: the given ones plus defaults, in declaration order.
   *
   * @throws InvalidInputsException naming every missing, unknown or mistyped input
   */
  public static Map<String, Object> validate(Flow flow, Map<String, Object> given) {
    Map<String, Object> inputs = given == null ? Map.of() : given;
    var problems = new ArrayList<String>();
    for (String name : inputs.keySet()) {
      if (!flow.inputs().containsKey(name)) {
        problems.add(
            "input '"
                + name
                + "' is not declared by the flow"
                + (flow.inputs().isEmpty()
                    ? " (it declares none)"
                    : " (declared: " + String.join(", ", flow.inputs().keySet()) + ")"));
      }
    }
    var result = new LinkedHashMap<String, Object>();
    for (InputSpec spec : flow.inputs().values()) {
      Object value = inputs.get(spec.name());
      if (value == null) {
        if (spec.defaultValue() != null) {
          result.put(spec.name(), spec.defaultValue());
        } else if (spec.required()) {
          problems.add("input '" + spec.name() + "' is required");
        }
      } else if (!spec.type().accepts(value)) {
        problems.add(
            "input '"
                + spec.name()
                + "' must be "
                + spec.type().yamlName()
                + ", was "
                + describe(value));
      } else {
        result.put(spec.name(), value);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputsException(flow.ref(), problems);
    }
    return result;
  }

  private static String describe(Object value) {
    String kind =
        switch (value) {
          case String s -> "string";
          case Boolean b -> "boolean";
          case Number n -> "number";
          case Map<?, ?> m -> "object";
          case java.util.List<?> l -> "array";
          default -> value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    String text = String.valueOf(value);
    return kind + " " + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }
}
