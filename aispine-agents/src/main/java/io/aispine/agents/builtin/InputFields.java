package io.aispine.agents.builtin;

import io.aispine.agent.AgentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields from an agent's input, failing with a permanent error that names the field.
 */
final class InputFields {

  /** The error code of every input problem: retrying the same input cannot help. */
  static final String INVALID_INPUT = "INVALID_INPUT";

  private final String agent;
  private final Map<String, Object> input;

  InputFields(String agent, Map<String, Object> input) {
    this.agent = agent;
    this.input = input;
  }

  /** The integer field {@code name} (at least {@code min}), or null when it is absent. */
  Long integer(String name, long min) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null) {
      return null;
    }
    Long whole = asLong(value);
    if (whole == null || whole < min) {
      throw invalid(name, "must be an integer >= " + min + ", got " + describe(value));
    }
    return whole;
  }

  /** The integer field {@code name} (at least {@code min}), which must be present. */
  long requiredInteger(String name, long min, String meaning) throws AgentException.Permanent {
    Long value = integer(name, min);
    if (value == null) {
      throw invalid(name, "is required: " + meaning);
    }
    return value;
  }

  /** The boolean field {@code name}, or {@code fallback} when it is absent. */
  boolean bool(String name, boolean fallback) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw invalid(name, "must be true or false, got " + describe(value));
  }

  /** The string field {@code name}, or null when it is absent. */
  String string(String name) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(name, "must be a string, got " + describe(value));
  }

  /** The object field {@code name}, or an empty map when it is absent. */
  @SuppressWarnings("unchecked")
  Map<String, Object> map(String name) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw invalid(name, "must be an object (a map of names to values), got " + describe(value));
  }

  /** The list field {@code name}, or null when it is absent. */
  List<?> list(String name) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null || value instanceof List<?>) {
      return (List<?>) value;
    }
    throw invalid(name, "must be a list, got " + describe(value));
  }

  /** A permanent {@code INVALID_INPUT} error about the field {@code name}. */
  AgentException.Permanent invalid(String name, String problem) {
    return invalid(agent, name, problem);
  }

  /** A permanent {@code INVALID_INPUT} error about the field {@code name} of {@code agent}. */
  static AgentException.Permanent invalid(String agent, String name, String problem) {
    return new AgentException.Permanent(INVALID_INPUT, agent + ": input '" + name + "' " + problem);
  }

  /** The value as a long when it is a whole number in range (JSON and YAML give any of these). */
  static Long asLong(Object value) {
    return switch (value) {
      case Integer i -> (long) i;
      case Long l -> l;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case BigInteger big -> big.bitLength() < 64 ? big.longValue() : null;
      // Expressions may compute 200.0 for 200: accept whole values, reject 1.5.
      case Double d -> isWhole(d) ? d.longValue() : null;
      case Float f -> isWhole(f) ? f.longValue() : null;
      case BigDecimal dec -> {
        try {
          yield dec.longValueExact();
        } catch (ArithmeticException e) {
          yield null;
        }
      }
      default -> null;
    };
  }

  private static boolean isWhole(double d) {
    return d == Math.rint(d) && Math.abs(d) < 0x1p63;
  }

  /** A short description of a value for error messages: its JSON type and, if small, the value. */
  static String describe(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> "string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
      case Boolean b -> "boolean " + b;
      case Number n -> "number " + n;
      case Map<?, ?> m -> "an object";
      case List<?> l -> "a list";
      default -> value.getClass().getSimpleName();
    };
  }
}
