package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of the YAML tree, reporting a located problem for each missing field or
 * value of the wrong shape and returning null for it, so that reading goes on and every problem is
 * found in one pass.
 *
 * <p>{@code owner} names what a field belongs to in messages ({@code node 'ocr'}); it is empty for
 * the flow's top level.
 */
final class TreeReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ProblemList problems;

  TreeReader(ProblemList problems) {
    this.problems = problems;
  }

  ProblemList problems() {
    return problems;
  }

  /** Reports every field of {@code object} not in {@code allowed}, suggesting the likely one. */
  void rejectUnknownFields(
      ObjectNode object, String pointer, Collection<String> allowed, String owner) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.key(
            LocatedYaml.child(pointer, name),
            prefix(owner) + "unknown field '" + name + "'" + DidYouMean.hint(name, allowed));
      }
    }
  }

  /** The value as a mapping, or null after reporting that it is not one. */
  ObjectNode mapping(JsonNode value, String pointer, String what) {
    if (value instanceof ObjectNode object) {
      return object;
    }
    problems.value(pointer, what + " must be a mapping of names to values, got " + show(value));
    return null;
  }

  /** Reports a missing required field; true when it is present (even if null-valued). */
  boolean require(ObjectNode object, String pointer, String field, String owner) {
    if (object.has(field) && !object.get(field).isNull()) {
      return true;
    }
    problems.key(pointer, prefix(owner) + "missing required field '" + field + "'");
    return false;
  }

  /** A string field, or null when absent or not a string. */
  String text(ObjectNode object, String pointer, String field, String owner) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.value(
          LocatedYaml.child(pointer, field),
          prefix(owner) + field + " must be a string, got " + show(value));
      return null;
    }
    return value.textValue();
  }

  /** A boolean field, or {@code absent} when missing or not a boolean. */
  boolean bool(ObjectNode object, String pointer, String field, String owner, boolean absent) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isBoolean()) {
      problems.value(
          LocatedYaml.child(pointer, field),
          prefix(owner) + field + " must be true or false, got " + show(value));
      return absent;
    }
    return value.booleanValue();
  }

  /** A duration field ({@code 30s}), or null when absent or malformed. */
  Duration duration(ObjectNode object, String pointer, String field, String owner) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() && Durations.isValid(value.textValue())) {
      return Durations.parse(value.textValue());
    }
    problems.value(
        LocatedYaml.child(pointer, field),
        prefix(owner)
            + field
            + " must be a duration like 30s, got "
            + show(value)
            + " (use ms, s, m, h, d or ISO-8601 like PT30S)");
    return null;
  }

  /** Node ids given as one id or a list of ids; empty when absent, null when malformed. */
  List<String> ids(ObjectNode object, String pointer, String field, String owner) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    String at = LocatedYaml.child(pointer, field);
    if (value.isTextual()) {
      return List.of(value.textValue());
    }
    if (!value.isArray()) {
      problems.value(
          at,
          prefix(owner) + field + " must be a node id or a list of node ids, got " + show(value));
      return null;
    }
    var ids = new ArrayList<String>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item.isTextual()) {
        ids.add(item.textValue());
      } else {
        problems.value(
            LocatedYaml.child(at, i),
            prefix(owner) + field + " must list node ids, got " + show(item));
        return null;
      }
    }
    return ids;
  }

  /**
   * The {@code with} mapping of a node as plain values: empty when absent, null after reporting a
   * value that is not a mapping.
   */
  Map<String, Object> with(ObjectNode node, String pointer, String owner) {
    JsonNode value = node.get("with");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    ObjectNode mapping = mapping(value, LocatedYaml.child(pointer, "with"), prefix(owner) + "with");
    if (mapping == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    var plain = (Map<String, Object>) plain(mapping);
    return plain;
  }

  /** The tree as plain Java values (maps, lists, strings, numbers, booleans, null). */
  static Object plain(JsonNode value) {
    return value == null ? null : MAPPER.convertValue(value, Object.class);
  }

  /** How a value reads in a message: strings quoted, collections by kind, scalars as written. */
  static String show(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return value.asText();
  }

  static String prefix(String owner) {
    return owner == null || owner.isEmpty() ? "" : owner + ": ";
  }
}
