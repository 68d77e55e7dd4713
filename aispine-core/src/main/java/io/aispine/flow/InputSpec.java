package io.aispine.flow;

import java.util.Objects;

/**
 * A declared flow input.
 *
 * @param name the input's name
 * @param type its type
 * @param required whether an execution must supply it (ignored when a default is given)
 * @param defaultValue the value used when the execution does not supply one, or null
 * @param description free text, empty when absent
 */
public record InputSpec(
    String name, InputType type, boolean required, Object defaultValue, String description) {

  public InputSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
  }
}
