package io.aispine.agents.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a JSON Schema in a manifest must be beyond valid, so that checking a value against it stays
 * inside the manifest, ends, and costs little (docs/agents.md, "Schema rules"): at most {@value
 * #MAX_BYTES} bytes and {@value #MAX_DEPTH} levels deep; every reference local to the schema and
 * pointing at a schema in it; no recursion that applies schemas to the same value without
 * descending into it; at most {@value #MAX_IN_PLACE} schemas applied one through another at one
 * place of a value.
 */
public final class SchemaRules {

  /** The largest schema, in bytes of compact JSON: 256 KiB. */
  public static final int MAX_BYTES = 256 * 1024;

  /** How deep objects and arrays may nest in a schema, the schema itself being level 1. */
  public static final int MAX_DEPTH = 64;

  /**
   * How many schemas may apply one through another ({@code $ref}, {@code allOf} …) at one place of
   * a value: each one deepens the validator's stack.
   */
  public static final int MAX_IN_PLACE = 64;

  private SchemaRules() {}

  /**
   * One broken rule: the JSON pointer of the offending keyword inside the schema ({@code ""} for
   * the schema itself) and the rule, phrased to follow the pointer.
   */
  public record Problem(String pointer, String rule) {

    /** {@code /$ref points outside this schema …}, or {@code the schema is …} for the root. */
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "the schema" : pointer) + " " + rule;
    }
  }

  /** Every rule {@code schema} (an object or a boolean) breaks; empty when it follows them all. */
  public static List<Problem> check(JsonNode schema) {
    String tooDeep = firstTooDeep(schema, "", 1);
    if (tooDeep != null) {
      return List.of(
          new Problem(
              tooDeep,
              "nests deeper than "
                  + MAX_DEPTH
                  + " levels of objects and arrays; flatten the schema, naming the parts it"
                  + " repeats under $defs"));
    }
    int bytes = schema.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return List.of(
          new Problem(
              "",
              "is "
                  + bytes
                  + " bytes as JSON; a schema may be at most "
                  + MAX_BYTES
                  + " bytes (256 KiB): name the parts it repeats under $defs, or describe less"));
    }
    return new SchemaReferences(schema).check();
  }

  /** The pointer of the first object or array nested deeper than allowed, or null. */
  private static String firstTooDeep(JsonNode node, String pointer, int depth) {
    if (!node.isContainerNode()) {
      return null;
    }
    if (depth > MAX_DEPTH) {
      return pointer;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = firstTooDeep(node.get(i), pointer + "/" + i, depth + 1);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String found =
          firstTooDeep(field.getValue(), pointer + "/" + escape(field.getKey()), depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** A JSON pointer token for {@code name}. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
