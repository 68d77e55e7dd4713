package io.aispine.flow;

import java.util.List;
import java.util.Map;

/** The type of a flow input, checked when an execution starts. */
public enum InputType {
  STRING("string"),
  INTEGER("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  OBJECT("object"),
  ARRAY("array"),
  ANY("any");

  private final String yamlName;

  InputType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in flow YAML. */
  public String yamlName() {
    return yamlName;
  }

  /** True when {@code value} (as decoded from JSON or YAML) is of this type. */
  public boolean accepts(Object value) {
    return switch (this) {
      case STRING -> value instanceof String;
      case INTEGER ->
          value instanceof Integer
              || value instanceof Long
              || value instanceof java.math.BigInteger
              || (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()));
      case NUMBER -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case OBJECT -> value instanceof Map;
      case ARRAY -> value instanceof List;
      case ANY -> true;
    };
  }

  /** The type named {@code name} in YAML, or null when there is none. */
  public static InputType fromYaml(String name) {
    for (InputType type : values()) {
      if (type.yamlName.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
