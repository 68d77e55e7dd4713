package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code inputs} section: name to {@code {type, required, default, description}}. */
final class InputReader {

  /** Input names are read in expressions as {@code inputs.name}, so they must be identifiers. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");

  private static final List<String> FIELDS = List.of("type", "required", "default", "description");
  private static final List<String> TYPES =
      Arrays.stream(InputType.values()).map(InputType::yamlName).toList();

  private InputReader() {}

  /** The declared inputs in order; malformed ones are reported and left out. */
  static Map<String, InputSpec> read(JsonNode value, TreeReader reader) {
    var inputs = new LinkedHashMap<String, InputSpec>();
    if (value == null || value.isNull()) {
      return inputs;
    }
    ObjectNode section = reader.mapping(value, "/inputs", "inputs");
    if (section == null) {
      return inputs;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      var entry = it.next();
      String pointer = LocatedYaml.child("/inputs", entry.getKey());
      InputSpec spec = input(entry.getKey(), entry.getValue(), pointer, reader);
      if (spec != null) {
        inputs.put(spec.name(), spec);
      }
    }
    return inputs;
  }

  /** Names of the inputs as written, including malformed ones, for checking references. */
  static List<String> names(JsonNode value) {
    if (value == null || !value.isObject()) {
      return List.of();
    }
    var names = new java.util.ArrayList<String>();
    value.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static InputSpec input(String name, JsonNode value, String pointer, TreeReader reader) {
    String owner = "input '" + name + "'";
    ProblemList problems = reader.problems();
    int before = problems.size();
    if (!NAME.matcher(name).matches()) {
      problems.key(
          pointer,
          "input name '"
              + name
              + "' must be an identifier (letters, digits and '_'), so that expressions can read"
              + " inputs."
              + name);
    }
    ObjectNode spec = reader.mapping(value, pointer, owner);
    if (spec == null) {
      return null;
    }
    reader.rejectUnknownFields(spec, pointer, FIELDS, owner);
    InputType type = InputType.ANY;
    JsonNode typeNode = spec.get("type");
    if (typeNode != null && !typeNode.isNull()) {
      type = typeNode.isTextual() ? InputType.fromYaml(typeNode.textValue()) : null;
      if (type == null) {
        problems.value(
            pointer + "/type",
            owner
                + ": type must be one of "
                + String.join(", ", TYPES)
                + ", got "
                + TreeReader.show(typeNode)
                + DidYouMean.hint(typeNode.isTextual() ? typeNode.textValue() : "", TYPES));
      }
    }
    boolean required = reader.bool(spec, pointer, "required", owner, false);
    String description = reader.text(spec, pointer, "description", owner);
    Object defaultValue = TreeReader.plain(spec.get("default"));
    if (type != null && defaultValue != null && !type.accepts(defaultValue)) {
      problems.value(
          pointer + "/default",
          owner
              + ": default "
              + TreeReader.show(spec.get("default"))
              + " is not of type "
              + type.yamlName());
    }
    if (problems.size() > before || type == null) {
      return null;
    }
    return new InputSpec(name, type, required, defaultValue, description);
  }
}
