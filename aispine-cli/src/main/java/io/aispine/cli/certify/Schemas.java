package io.aispine.cli.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.Collectors;

/** JSON Schema (2020-12 unless the schema says otherwise) checks of manifests and outputs. */
final class Schemas {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  // Bundled with the validator: checking a schema against it needs no network.
  private static final Schema META =
      REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private Schemas() {}

  /** What is wrong with {@code schema} as a JSON Schema; empty when it is a valid one. */
  static String problemsOf(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return "is not a JSON Schema (an object or a boolean)";
    }
    try {
      String meta = describe(META.validate(schema));
      if (!meta.isEmpty()) {
        return meta;
      }
      REGISTRY.getSchema(schema);
      return "";
    } catch (RuntimeException e) {
      return "cannot be compiled: " + e.getMessage();
    }
  }

  /** What in {@code value} breaks {@code schema}; empty when it conforms. */
  static String violations(JsonNode schema, JsonNode value) {
    return describe(REGISTRY.getSchema(schema).validate(value));
  }

  private static String describe(List<Error> errors) {
    return errors.stream().limit(3).map(Error::toString).collect(Collectors.joining("; "));
  }
}
