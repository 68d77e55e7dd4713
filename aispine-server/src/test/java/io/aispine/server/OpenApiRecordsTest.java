package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.aispine.api.ApiSchemas;
import io.aispine.api.Nullable;
import io.aispine.api.WireField;
import io.aispine.server.internal.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code /openapi.json} to the wire records of {@code io.aispine.api} as the server's own
 * Jackson mapper writes them: every schema names a record and every record has a schema; every
 * property the mapper writes is in the schema and every property of the schema is written, with the
 * same JSON type, nullability, enum values, item type and {@code $ref}. It reads the records
 * through Jackson, not through the generator that builds the document, so the two check each other.
 */
class OpenApiRecordsTest extends ServerTestBase {

  @Test
  void every_openapi_schema_matches_its_record_property_by_property_both_ways() {
    JsonNode schemas = api.get("/openapi.json").json().at("/components/schemas");
    Map<String, Class<?>> records = new LinkedHashMap<>();
    for (Class<? extends Record> type : ApiSchemas.records()) {
      records.put(ApiSchemas.nameOf(type), type);
    }
    List<String> drift = new ArrayList<>();
    for (String name : records.keySet()) {
      if (!schemas.has(name)) {
        drift.add(name + ": the record has no schema in /openapi.json");
      }
    }
    schemas
        .properties()
        .forEach(
            entry -> {
              Class<?> type = records.get(entry.getKey());
              if (type == null) {
                drift.add(entry.getKey() + ": the schema describes no record of io.aispine.api");
              } else {
                compare(entry.getKey(), type, entry.getValue(), drift);
              }
            });

    assertThat(drift).as("drift between /openapi.json and the io.aispine.api records").isEmpty();
  }

  private static void compare(String name, Class<?> type, JsonNode schema, List<String> drift) {
    JavaType javaType = Json.mapper().constructType(type);
    var description = Json.mapper().getSerializationConfig().introspect(javaType);
    Map<String, BeanPropertyDefinition> written = new LinkedHashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      written.put(property.getName(), property);
    }
    JsonNode properties = schema.path("properties");
    Set<String> documented = new TreeSet<>();
    properties.fieldNames().forEachRemaining(documented::add);
    for (String field : written.keySet()) {
      if (!documented.contains(field)) {
        drift.add(name + "." + field + ": written by the server, missing from the schema");
      }
    }
    for (String field : documented) {
      BeanPropertyDefinition property = written.get(field);
      if (property == null) {
        drift.add(name + "." + field + ": in the schema, never written by the server");
        continue;
      }
      String where = name + "." + field;
      JsonNode documentedField = properties.get(field);
      compareType(where, property.getPrimaryType(), documentedField, drift);
      var accessor = property.getAccessor();
      WireField wire = accessor == null ? null : accessor.getAnnotation(WireField.class);
      if (wire != null && wire.values().length > 0) {
        compareEnum(where, List.of(wire.values()), documentedField, drift);
      }
      boolean mayBeNull =
          accessor != null
              && accessor.hasAnnotation(Nullable.class)
              && inclusion(type, accessor.getAnnotation(JsonInclude.class))
                  == JsonInclude.Include.ALWAYS;
      boolean anyValue = property.getPrimaryType().getRawClass() == Object.class;
      if (!anyValue && mayBeNull != allowsNull(documentedField)) {
        drift.add(
            where
                + (mayBeNull
                    ? ": the server writes null, the schema does not allow it"
                    : ": the schema allows null, the server never writes it"));
      }
    }
  }

  private static void compareType(
      String where, JavaType type, JsonNode schema, List<String> drift) {
    Class<?> raw = type.getRawClass();
    String ref = ref(schema);
    if (raw.isRecord()) {
      String expected = ApiSchemas.nameOf(raw);
      if (!expected.equals(ref)) {
        drift.add(where + ": should be a $ref to " + expected + ", is " + describe(schema));
      }
      return;
    }
    if (raw == Object.class) {
      if (!types(schema).isEmpty() && !types(schema).containsAll(Set.of("object", "array"))) {
        drift.add(where + ": any JSON value in the record, " + describe(schema) + " in the schema");
      }
      return;
    }
    String expected = jsonType(type);
    Set<String> documented = types(schema);
    documented.remove("null");
    if (!documented.equals(Set.of(expected))) {
      drift.add(where + ": " + expected + " in the record, " + describe(schema) + " in the schema");
      return;
    }
    if (raw == Instant.class && !"date-time".equals(schema.path("format").asText())) {
      drift.add(where + ": a time in the record, no date-time format in the schema");
    }
    if (raw.isEnum()) {
      compareEnum(where, ApiSchemas.enumValues(raw), schema, drift);
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      compareType(where + "[]", type.getContentType(), schema.path("items"), drift);
    }
    if (type.isMapLikeType()
        && type.getContentType().getRawClass() != Object.class
        && schema.has("additionalProperties")) {
      compareType(where + "{}", type.getContentType(), schema.get("additionalProperties"), drift);
    } else if (type.isMapLikeType() && type.getContentType().getRawClass() != Object.class) {
      drift.add(where + ": values of " + type.getContentType() + " in the record, untyped");
    }
  }

  private static void compareEnum(
      String where, List<String> expected, JsonNode schema, List<String> drift) {
    Set<String> documented = new TreeSet<>();
    schema.path("enum").forEach(v -> documented.add(v.isNull() ? "null" : v.asText()));
    documented.remove("null");
    if (!documented.equals(new TreeSet<>(expected))) {
      drift.add(
          where + ": values " + expected + " in the record, " + documented + " in the schema");
    }
  }

  private static String jsonType(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw == Instant.class || raw.isEnum()) {
      return "string";
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return "array";
    }
    if (type.isMapLikeType()) {
      return "object";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (Set.of(int.class, long.class, short.class, Integer.class, Long.class, Short.class)
        .contains(raw)) {
      return "integer";
    }
    if (Set.of(double.class, float.class, Double.class, Float.class, BigDecimal.class)
        .contains(raw)) {
      return "number";
    }
    return "unknown " + raw.getName();
  }

  private static JsonInclude.Include inclusion(Class<?> type, JsonInclude own) {
    if (own != null && own.value() != JsonInclude.Include.USE_DEFAULTS) {
      return own.value();
    }
    JsonInclude onType = type.getAnnotation(JsonInclude.class);
    return onType == null ? JsonInclude.Include.ALWAYS : onType.value();
  }

  private static String ref(JsonNode schema) {
    if (schema.has("$ref")) {
      return schema.get("$ref").asText().replace(ApiSchemas.REF_PREFIX, "");
    }
    for (JsonNode option : schema.path("anyOf")) {
      if (option.has("$ref")) {
        return option.get("$ref").asText().replace(ApiSchemas.REF_PREFIX, "");
      }
    }
    return null;
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new HashSet<>();
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    }
    type.forEach(t -> types.add(t.asText()));
    if (schema.has("enum") && types.isEmpty()) {
      schema.get("enum").forEach(v -> types.add(v.isNull() ? "null" : "string"));
    }
    for (JsonNode option : schema.path("anyOf")) {
      types.addAll(types(option));
    }
    return types;
  }

  private static boolean allowsNull(JsonNode schema) {
    if (schema.has("$ref") && !schema.has("anyOf")) {
      return false; // decided by the referenced schema, which the test checks on its own
    }
    return types(schema).contains("null") || (types(schema).isEmpty() && ref(schema) == null);
  }

  private static String describe(JsonNode schema) {
    return schema.toString();
  }
}
