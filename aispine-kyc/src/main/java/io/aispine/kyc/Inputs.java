package io.aispine.kyc;

import io.aispine.agent.AgentException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Typed fields of an agent's input; a wrong one is a permanent {@code INVALID_INPUT} naming it. */
public final class Inputs {

  private final String agent;
  private final Map<String, Object> input;

  /** The input {@code input} of {@code agent}. */
  public Inputs(String agent, Map<String, Object> input) {
    this.agent = agent;
    this.input = input == null ? Map.of() : input;
  }

  /** The string {@code name}, or null when absent or blank. */
  public String string(String name) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw invalid(name, "must be a string");
    }
    return s.isBlank() ? null : s;
  }

  /** The object {@code name}, or an empty map when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String name) throws AgentException.Permanent {
    Object value = input.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(name, "must be an object");
    }
    return (Map<String, Object>) map;
  }

  /** The ISO date {@code name} ({@code 2026-12-01}), or null when absent. */
  public LocalDate date(String name) throws AgentException.Permanent {
    String text = string(name);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw invalid(name, "must be a date like 2026-12-01, got \"" + text + "\"");
    }
  }

  /** A permanent {@code INVALID_INPUT} error about {@code name}. */
  public AgentException.Permanent invalid(String name, String problem) {
    return new AgentException.Permanent(
        "INVALID_INPUT", agent + ": input '" + name + "' " + problem);
  }
}
