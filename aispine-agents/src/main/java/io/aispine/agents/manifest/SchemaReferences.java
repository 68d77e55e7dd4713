package io.aispine.agents.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SpecificationVersion;
import io.aispine.agents.manifest.InPlaceSchemas.Edge;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Follows the references of one schema document without ever leaving it: every {@code $ref}, {@code
 * $dynamicRef} and {@code $recursiveRef} must be a {@code #…} fragment that points at a schema of
 * the same document, no {@code $id} below the root may move what {@code #} means, and no {@code
 * $schema} may name a dialect the validator would have to load. Collects, on the way, which schemas
 * apply at the same place of a value ({@link InPlaceSchemas}).
 */
final class SchemaReferences {

  // Keywords whose schemas apply to the very value their schema applies to.
  private static final Set<String> IN_PLACE = Set.of("not", "if", "then", "else");
  private static final Set<String> IN_PLACE_LISTS = Set.of("allOf", "anyOf", "oneOf");
  private static final Set<String> IN_PLACE_MAPS = Set.of("dependentSchemas", "dependencies");

  // Keywords whose schemas apply to a part of the value (a member, an item, a property name) or
  // to nothing by themselves ($defs): following them consumes the value, which is finite.
  private static final Set<String> DESCENDING =
      Set.of(
          "additionalProperties",
          "items",
          "additionalItems",
          "contains",
          "propertyNames",
          "unevaluatedItems",
          "unevaluatedProperties",
          "contentSchema");
  private static final Set<String> DESCENDING_LISTS = Set.of("prefixItems", "items");
  private static final Set<String> DESCENDING_MAPS =
      Set.of("properties", "patternProperties", "$defs", "definitions");

  private final JsonNode root;
  private final boolean draft4;
  private final Map<String, String> anchors = new HashMap<>();
  private final Map<String, String> dynamicAnchors = new HashMap<>();
  private final Map<String, List<Edge>> inPlace = new LinkedHashMap<>();
  private final Deque<String> pending = new ArrayDeque<>();
  private final List<SchemaRules.Problem> problems = new ArrayList<>();

  SchemaReferences(JsonNode root) {
    this.root = root;
    this.draft4 =
        root.path("$schema").isTextual()
            && dialect(root.get("$schema").asText()) == SpecificationVersion.DRAFT_4;
  }

  /** Every rule about references the document breaks, in document order, then its cycles. */
  List<SchemaRules.Problem> check() {
    collectAnchors(root, "");
    pending.add("");
    while (!pending.isEmpty()) {
      String at = pending.removeFirst();
      if (inPlace.containsKey(at)) {
        continue;
      }
      List<Edge> edges = new ArrayList<>();
      inPlace.put(at, edges);
      JsonNode schema = root.at(at);
      for (Map.Entry<String, JsonNode> field : schema.properties()) {
        keyword(at, field.getKey(), field.getValue(), edges);
      }
    }
    problems.addAll(new InPlaceSchemas(inPlace).problems());
    return List.copyOf(problems);
  }

  private void keyword(String at, String name, JsonNode value, List<Edge> edges) {
    String pointer = at + "/" + SchemaRules.escape(name);
    switch (name) {
      case "$ref", "$dynamicRef" -> {
        String target = target(pointer, name, value);
        if (target != null) {
          edges.add(new Edge(target, pointer, name));
          pending.add(target);
        }
      }
      case "$recursiveRef" -> {
        if (value.isTextual() && value.asText().equals("#")) {
          edges.add(new Edge("", pointer, name));
        } else {
          add(pointer, "must be \"#\", the only value $recursiveRef may take");
        }
      }
      case "$id" -> nestedId(at, pointer, value);
      case "id" -> {
        if (draft4) {
          nestedId(at, pointer, value);
        }
      }
      case "$schema" -> dialect(at, pointer, value);
      default -> subschemas(pointer, name, value, edges);
    }
  }

  private void subschemas(String pointer, String name, JsonNode value, List<Edge> edges) {
    boolean inPlaceKeyword =
        IN_PLACE.contains(name) || IN_PLACE_LISTS.contains(name) || IN_PLACE_MAPS.contains(name);
    if ((IN_PLACE.contains(name) || DESCENDING.contains(name)) && isSchema(value)) {
      subschema(pointer, inPlaceKeyword, edges);
    } else if ((IN_PLACE_LISTS.contains(name) || DESCENDING_LISTS.contains(name))
        && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        if (isSchema(value.get(i))) {
          subschema(pointer + "/" + i, inPlaceKeyword, edges);
        }
      }
    } else if ((IN_PLACE_MAPS.contains(name) || DESCENDING_MAPS.contains(name))
        && value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        if (isSchema(member.getValue())) {
          subschema(pointer + "/" + SchemaRules.escape(member.getKey()), inPlaceKeyword, edges);
        }
      }
    }
  }

  private void subschema(String pointer, boolean inPlaceKeyword, List<Edge> edges) {
    pending.add(pointer);
    if (inPlaceKeyword) {
      edges.add(new Edge(pointer, pointer, null));
    }
  }

  /** The pointer of the schema {@code value} refers to, or null (and a problem) when it may not. */
  private String target(String pointer, String keyword, JsonNode value) {
    if (!value.isTextual()) {
      add(pointer, "must be a string like \"#/$defs/name\"");
      return null;
    }
    String reference = value.asText();
    if (!reference.startsWith("#")) {
      add(
          pointer,
          "points outside this schema (\""
              + clip(reference)
              + "\"); the server never fetches another document (http, https, file, classpath"
              + " or relative): copy the schema it names under $defs and refer to it as"
              + " \"#/$defs/…\"");
      return null;
    }
    String fragment = reference.substring(1);
    if (fragment.isEmpty()) {
      return "";
    }
    if (fragment.startsWith("/")) {
      return pointed(pointer, reference, fragment);
    }
    Map<String, String> first = keyword.equals("$dynamicRef") ? dynamicAnchors : anchors;
    Map<String, String> second = keyword.equals("$dynamicRef") ? anchors : dynamicAnchors;
    String target = first.getOrDefault(fragment, second.get(fragment));
    if (target == null) {
      add(
          pointer,
          "names no $anchor of this schema (\""
              + clip(reference)
              + "\"); declare \"$anchor\": \""
              + clip(fragment)
              + "\" on the schema it means, or point at it as \"#/$defs/…\"");
    }
    return target;
  }

  /** Follows a JSON pointer fragment as the validator reads it: ~ escapes, then % escapes. */
  private String pointed(String pointer, String reference, String fragment) {
    JsonNode node = root;
    StringBuilder canonical = new StringBuilder();
    String[] tokens = fragment.split("/", -1);
    for (int i = 1; i < tokens.length && node != null; i++) {
      String token = tokens[i].replace("~1", "/").replace("~0", "~");
      if (token.contains("%")) {
        try {
          token = URLDecoder.decode(token, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          add(pointer, "has a broken %-escape in \"" + clip(reference) + "\"");
          return null;
        }
      }
      node = node.isArray() ? item(node, token) : node.get(token);
      canonical.append('/').append(SchemaRules.escape(token));
    }
    if (node == null) {
      add(pointer, "points at nothing in this schema (\"" + clip(reference) + "\")");
      return null;
    }
    if (!isSchema(node)) {
      add(
          pointer,
          "points at "
              + node.getNodeType().toString().toLowerCase(Locale.ROOT)
              + " \""
              + clip(reference)
              + "\", not at a schema (an object or a boolean)");
      return null;
    }
    return canonical.toString();
  }

  private static JsonNode item(JsonNode array, String token) {
    if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return array.get(Integer.parseInt(token));
  }

  private void nestedId(String at, String pointer, JsonNode value) {
    if (!at.isEmpty() && value.isTextual()) {
      add(
          pointer,
          "may appear only at the root of the schema: below it, it changes what \"#…\" references"
              + " point at; name the subschema with \"$anchor\" or point at it as \"#/$defs/…\"");
    }
  }

  private void dialect(String at, String pointer, JsonNode value) {
    if (!at.isEmpty()) {
      add(pointer, "may appear only at the root of the schema");
    } else if (!value.isTextual() || dialect(value.asText()) == null) {
      add(
          pointer,
          "must name a dialect the server knows ("
              + String.join(
                  ", ",
                  Stream.of(SpecificationVersion.values())
                      .map(SpecificationVersion::getDialectId)
                      .toList())
              + "); it never loads another meta-schema");
    }
  }

  /** The dialect {@code id} names when it is one the validator bundles, else null. */
  private static SpecificationVersion dialect(String id) {
    String bare = id.endsWith("#") ? id.substring(0, id.length() - 1) : id;
    for (SpecificationVersion version : SpecificationVersion.values()) {
      String known = version.getDialectId();
      if (bare.equals(known.endsWith("#") ? known.substring(0, known.length() - 1) : known)) {
        return version;
      }
    }
    return null;
  }

  /** Every $anchor and $dynamicAnchor of the document, wherever it is; each name once. */
  private void collectAnchors(JsonNode node, String pointer) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectAnchors(node.get(i), pointer + "/" + i);
      }
    } else if (node.isObject()) {
      anchor(node, pointer, "$anchor", anchors);
      anchor(node, pointer, "$dynamicAnchor", dynamicAnchors);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collectAnchors(field.getValue(), pointer + "/" + SchemaRules.escape(field.getKey()));
      }
    }
  }

  private void anchor(JsonNode node, String pointer, String keyword, Map<String, String> names) {
    JsonNode name = node.get(keyword);
    if (name == null || !name.isTextual()) {
      return;
    }
    String earlier = names.putIfAbsent(name.asText(), pointer);
    if (earlier != null) {
      add(
          pointer + "/" + keyword,
          "repeats the name \""
              + clip(name.asText())
              + "\" of "
              + (earlier.isEmpty() ? "the root" : earlier)
              + "; each anchor must be unique");
    }
  }

  private static boolean isSchema(JsonNode node) {
    return node.isObject() || node.isBoolean();
  }

  private void add(String pointer, String rule) {
    problems.add(new SchemaRules.Problem(pointer, rule));
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
