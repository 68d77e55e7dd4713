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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON Schema checks of agent manifests and of the values that pass through agents: draft 2020-12
 * unless a schema's {@code $schema} says otherwise, never loading anything but the meta-schemas
 * bundled with the validator.
 */
public final class JsonSchemas {

  // The meta-schemas the validator bundles, by the IRIs that name them; it maps them to its jar.
  private static final Pattern BUNDLED_META_SCHEMA =
      Pattern.compile(
          "https?://json-schema\\.org/(draft-0[467]/schema|draft/20(19-09|20-12)/(schema|meta/[a-z-]+))#?");

  // Loads nothing else: a $ref or $schema naming any other document (http, https, file,
  // classpath …) fails instead of being read, even in a schema stored before SchemaRules existed.
  static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          registry ->
              registry.schemaLoader(
                  loader ->
                      loader
                          .fetchRemoteResources(false)
                          .allow(
                              iri -> BUNDLED_META_SCHEMA.matcher(String.valueOf(iri)).matches())));

  // Bundled with the validator: checking a schema against it needs no network.
  private static final Compiled META =
      new Compiled(
          REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")),
          null);

  private JsonSchemas() {}

  /** One way a value breaks a schema: where (a JSON pointer, {@code ""} for the root) and why. */
  public record Violation(String pointer, String rule) {

    /** {@code /name: must be a string}, or the rule alone for the root. */
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "(root)" : pointer) + ": " + rule;
    }
  }

  /** What checking one value against a schema found. */
  public sealed interface Outcome {

    /** The value was checked: how it breaks the schema, in the validator's order; empty if not. */
    record Checked(List<Violation> violations) implements Outcome {
      public Checked {
        violations = List.copyOf(violations);
      }
    }

    /** The schema could not be applied to the value: why, naming the rule or the failure. */
    record Unusable(String reason) implements Outcome {}
  }

  /** A schema compiled once, to check many values against it; thread-safe. */
  public static final class Compiled {
    private final Schema schema;
    private final String refusal;

    private Compiled(Schema schema, String refusal) {
      this.schema = schema;
      this.refusal = refusal;
    }

    /**
     * Checks {@code value} against the schema; never throws: a schema that cannot be applied (one
     * that breaks the rules, a stack overflow, a reference the validator cannot resolve) is an
     * {@link Outcome.Unusable}.
     */
    public Outcome check(JsonNode value) {
      if (schema == null) {
        return new Outcome.Unusable(refusal);
      }
      try {
        return new Outcome.Checked(
            schema.validate(value).stream().map(JsonSchemas::violation).toList());
      } catch (StackOverflowError e) {
        return new Outcome.Unusable(
            "checking the value overflowed the stack: the value nests too deeply for this schema");
      } catch (VirtualMachineError e) {
        throw e; // out of memory and the like: the JVM's trouble, not this schema's
      } catch (Throwable e) {
        return new Outcome.Unusable(
            "the validator failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }

  /** What is wrong with {@code schema} as a JSON Schema; empty when it is a valid one. */
  public static String problemsOf(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return "is not a JSON Schema (an object or a boolean)";
    }
    List<SchemaRules.Problem> broken = SchemaRules.check(schema);
    if (!broken.isEmpty()) {
      return broken.stream()
          .limit(3)
          .map(SchemaRules.Problem::toString)
          .collect(Collectors.joining("; "));
    }
    try {
      Outcome meta = META.check(schema);
      String described =
          switch (meta) {
            case Outcome.Checked checked -> describe(checked.violations());
            case Outcome.Unusable unusable -> unusable.reason();
          };
      if (!described.isEmpty()) {
        return described;
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
    return new Compiled(REGISTRY.getSchema(Objects.requireNonNull(schema)), null);
  }

  /**
   * Compiles a schema kept in a store, which may predate today's rules; never throws. A schema that
   * is not valid now gives a {@link Compiled} whose every check is {@link Outcome.Unusable}, naming
   * the rule it breaks.
   */
  public static Compiled compileStored(JsonNode schema) {
    try {
      String problem = problemsOf(schema);
      if (!problem.isEmpty()) {
        return new Compiled(null, "it is not a valid schema: " + problem);
      }
      return new Compiled(REGISTRY.getSchema(schema), null);
    } catch (StackOverflowError | RuntimeException e) {
      return new Compiled(null, "it cannot be compiled: " + e);
    }
  }

  /**
   * What in {@code value} breaks {@code schema}, the first three joined (or why the schema cannot
   * be applied); empty when it conforms.
   *
   * @throws IllegalArgumentException when {@code schema} is not a valid JSON Schema
   */
  public static String violations(JsonNode schema, JsonNode value) {
    return switch (compile(schema).check(value)) {
      case Outcome.Checked checked -> describe(checked.violations());
      case Outcome.Unusable unusable -> "the schema cannot be applied: " + unusable.reason();
    };
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
