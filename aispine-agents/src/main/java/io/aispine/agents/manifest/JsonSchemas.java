package io.aispine.agents.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * JSON Schema checks of agent manifests and of the values that pass through agents: draft 2020-12
 * unless a schema's {@code $schema} says otherwise, with no network access.
 */
public final class JsonSchemas {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  // Bundled with the validator: checking a schema against it needs no network.
  private static final Schema META =
      REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private JsonSchemas() {}

  /** One way a value breaks a schema: where (a JSON pointer, {@code ""} for the root) and why. */
  public record Violation(String pointer, String rule) {

    /** {@code /name: must be a string}, or the rule alone for the root. */
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "(root)" : pointer) + ": " + rule;
    }
  }

  /** A schema compiled once, to check many values against it; thread-safe. */
  public static final class Compiled {
    private final Schema schema;

    private Compiled(Schema schema) {
      this.schema = schema;
    }

    /** How {@code value} breaks the schema, in the validator's order; empty when it conforms. */
    public List<Violation> violations(JsonNode value) {
      return schema.validate(value).stream().map(JsonSchemas::violation).toList();
    }
  }

  /** What is wrong with {@code schema} as a JSON Schema; empty when it is a valid one. */
  public static String problemsOf(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return "is not a JSON Schema (an object or a boolean)";
    }
    try {
      String meta = describe(META.validate(schema).stream().map(JsonSchemas::violation).toList());
      if (!meta.isEmpty()) {
        return meta;
      }
      REGISTRY.getSchema(schema);
      return "";
    } catch (RuntimeException e) {
      return "cannot be compiled: " + e.getMessage();
    }
  }

  /**
   * Compiles a schema that {@link #problemsOf} found valid.
   *
   * @throws IllegalArgumentException when it is not a valid JSON Schema
   */
  public static Compiled compile(JsonNode schema) {
    String problem = problemsOf(schema);
    if (!problem.isEmpty()) {
      throw new IllegalArgumentException("not a valid JSON Schema: " + problem);
    }
    return new Compiled(REGISTRY.getSchema(Objects.requireNonNull(schema)));
  }

  /**
   * What in {@code value} breaks {@code schema}, the first three joined; empty when it conforms.
   */
  public static String violations(JsonNode schema, JsonNode value) {
    return describe(compile(schema).violations(value));
  }

  /** The first three violations joined with {@code ; }. */
  public static String describe(List<Violation> violations) {
    return violations.stream().limit(3).map(Violation::toString).collect(Collectors.joining("; "));
  }

  private static Violation violation(Error error) {
    StringBuilder pointer = new StringBuilder(pointer(error.getInstanceLocation()));
    // "required" and "additionalProperties" are about a member of the object the error points at
    if (error.getProperty() != null
        && ("required".equals(error.getKeyword())
            || "additionalProperties".equals(error.getKeyword())
            || "dependentRequired".equals(error.getKeyword()))) {
      pointer.append('/').append(escape(error.getProperty()));
    }
    return new Violation(pointer.toString(), error.getKeyword() + ": " + rule(error));
  }

  private static String rule(Error error) {
    String message = error.getMessage();
    // the validator starts some messages with the instance location; the pointer already says it
    String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation() + "";
    if (!location.isEmpty() && message.startsWith(location + ": ")) {
      message = message.substring(location.length() + 2);
    }
    return message;
  }

  private static String pointer(NodePath path) {
    if (path == null) {
      return "";
    }
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return pointer.toString();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
