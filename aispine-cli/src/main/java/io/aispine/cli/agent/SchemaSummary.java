package io.aispine.cli.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line that says what a JSON Schema asks for: {@code object: name* (string), age (integer)}.
 */
final class SchemaSummary {

  private static final int MAX_PROPERTIES = 8;

  private SchemaSummary() {}

  /** The summary of {@code schema}; {@code any} when there is none. */
  static String of(Object schema) {
    if (schema == null || Boolean.TRUE.equals(schema)) {
      return "any (no schema)";
    }
    if (Boolean.FALSE.equals(schema)) {
      return "nothing (schema false)";
    }
    if (!(schema instanceof Map<?, ?> map)) {
      return String.valueOf(schema);
    }
    String type = type(map);
    if (!(map.get("properties") instanceof Map<?, ?> properties) || properties.isEmpty()) {
      return map.isEmpty() ? "any (empty schema)" : type;
    }
    List<?> required = map.get("required") instanceof List<?> r ? r : List.of();
    List<String> parts = new ArrayList<>();
    for (var entry : properties.entrySet()) {
      if (parts.size() == MAX_PROPERTIES) {
        parts.add("… " + (properties.size() - MAX_PROPERTIES) + " more");
        break;
      }
      String field = String.valueOf(entry.getKey());
      String fieldType = entry.getValue() instanceof Map<?, ?> p ? type(p) : "any";
      parts.add(field + (required.contains(field) ? "*" : "") + " (" + fieldType + ")");
    }
    return type + ": " + String.join(", ", parts) + (required.isEmpty() ? "" : "  (* required)");
  }

  private static String type(Map<?, ?> schema) {
    Object type = schema.get("type");
    if (type instanceof List<?> types) {
      return String.join("|", types.stream().map(String::valueOf).toList());
    }
    return type == null ? "any" : String.valueOf(type);
  }
}
