package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas (OpenAPI 3.1, draft 2020-12) of the wire records, derived from the records
 * themselves: one schema per record, named by {@link WireType#name()} or the record's simple name.
 *
 * <p>A field's JSON name is its {@code @JsonProperty} or its name; its type follows its Java type
 * (records become {@code $ref}s); {@link Nullable} adds {@code null} to its type when the record
 * writes nulls, and makes it optional when the record leaves nulls out ({@code @JsonInclude}) or is
 * a request. {@link WireField} adds constraints.
 */
public final class ApiSchemas {

  /** Where the schemas live in an OpenAPI document. */
  public static final String REF_PREFIX = "#/components/schemas/";

  /** The records the routes answer with or take as bodies; the records they use come along. */
  public static final List<Class<? extends Record>> ROOTS =
      List.of(
          Problem.class,
          FlowSummary.class,
          FlowVersion.class,
          ExecutionSummary.class,
          Execution.class,
          HistoryEvent.class,
          Approval.class,
          Agent.class,
          AgentVersion.class,
          AgentLimits.class,
          AgentDrain.class,
          AgentCall.class,
          HealthCheck.class,
          CircuitReset.class,
          StartRequest.class,
          ReplayRequest.class,
          AnswerRequest.class,
          DeprecateRequest.class,
          AgentLimitsRequest.class,
          RegisterAgent.class,
          FlowDiff.class,
          FlowDecision.class,
          RejectFlowRequest.class,
          PanicStatus.class,
          PanicRequest.class,
          Secret.class,
          SecretRotation.class,
          SecretValue.class,
          ApiKeyInfo.class,
          CreateKeyRequest.class,
          WorkspaceInfo.class,
          QuotaUse.class,
          CreateWorkspaceRequest.class,
          QuotaRequest.class,
          ModelProvider.class,
          ProviderRequest.class,
          ProviderCheck.class,
          Costs.class,
          Budget.class,
          BudgetRequest.class,
          AuditEntry.class,
          AuditVerification.class,
          TriggerInfo.class,
          TriggerFires.class,
          WebhookAccepted.class,
          Webhook.class,
          WebhookRequest.class,
          WebhookDelivery.class,
          RedeliverRequest.class,
          Redelivery.class);

  private ApiSchemas() {}

  /** Every schema, by name: the roots and every record they reach, in a stable order. */
  public static Map<String, Object> components() {
    Map<String, Object> schemas = new LinkedHashMap<>();
    for (Class<? extends Record> type : records()) {
      schemas.put(nameOf(type), schemaOf(type));
    }
    return schemas;
  }

  /** The roots and every record reachable from their fields, each once. */
  public static List<Class<? extends Record>> records() {
    List<Class<? extends Record>> seen = new ArrayList<>();
    Deque<Class<? extends Record>> next = new ArrayDeque<>(ROOTS);
    while (!next.isEmpty()) {
      Class<? extends Record> type = next.removeFirst();
      if (seen.contains(type)) {
        continue;
      }
      seen.add(type);
      for (RecordComponent component : type.getRecordComponents()) {
        collectRecords(component.getGenericType(), next);
      }
    }
    return seen;
  }

  /** The schema name of a record: {@link WireType#name()}, or its simple name. */
  public static String nameOf(Class<?> type) {
    WireType wire = type.getAnnotation(WireType.class);
    return wire != null && !wire.name().isEmpty() ? wire.name() : type.getSimpleName();
  }

  /** The JSON name of a record field: its {@code @JsonProperty}, or its name. */
  public static String jsonName(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : component.getName();
  }

  /** True when a record may leave the field out of its JSON. */
  public static boolean optional(RecordComponent component) {
    boolean nullable = component.isAnnotationPresent(Nullable.class);
    if (isRequest(component.getDeclaringRecord())) {
      return nullable;
    }
    return switch (inclusion(component)) {
      case NON_NULL, NON_ABSENT -> nullable;
      case NON_EMPTY, NON_DEFAULT, CUSTOM -> true;
      default -> false;
    };
  }

  /** True when the field may be JSON null in the record's JSON. */
  public static boolean nullable(RecordComponent component) {
    return component.isAnnotationPresent(Nullable.class)
        && inclusion(component) == JsonInclude.Include.ALWAYS;
  }

  /** The schema of one record. */
  public static Map<String, Object> schemaOf(Class<? extends Record> type) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String name = jsonName(component);
      Map<String, Object> schema =
          fieldSchema(component.getGenericType(), component.getAnnotation(WireField.class));
      properties.put(name, nullable(component) ? orNull(schema) : schema);
      if (!optional(component)) {
        required.add(name);
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("properties", properties);
    if (isRequest(type)) {
      schema.put("additionalProperties", false);
    }
    return schema;
  }

  /** The schema of a value of Java type {@code type} (a record is a reference to its schema). */
  public static Map<String, Object> typeSchema(Type type) {
    return fieldSchema(type, null);
  }

  private static Map<String, Object> fieldSchema(Type type, WireField wire) {
    Map<String, Object> schema = new LinkedHashMap<>();
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] args = generic.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        schema.put("type", "array");
        schema.put("items", typeSchema(args[0]));
      } else if (Map.class.isAssignableFrom(raw)) {
        schema.put("type", "object");
        if (args[1] != Object.class) {
          schema.put("additionalProperties", typeSchema(args[1]));
        }
      } else {
        throw new IllegalArgumentException("no JSON schema for " + type);
      }
    } else if (type instanceof Class<?> plain) {
      scalar(plain, schema);
    } else {
      throw new IllegalArgumentException("no JSON schema for " + type);
    }
    if (wire != null) {
      constrain(schema, wire);
    }
    return schema;
  }

  private static void scalar(Class<?> type, Map<String, Object> schema) {
    if (type == String.class) {
      schema.put("type", "string");
    } else if (type == Instant.class) {
      schema.put("type", "string");
      schema.put("format", "date-time");
    } else if (Set.of(int.class, long.class, short.class, Integer.class, Long.class, Short.class)
        .contains(type)) {
      schema.put("type", "integer");
    } else if (Set.of(double.class, float.class, Double.class, Float.class, BigDecimal.class)
        .contains(type)) {
      schema.put("type", "number");
    } else if (type == boolean.class || type == Boolean.class) {
      schema.put("type", "boolean");
    } else if (type.isEnum()) {
      schema.put("type", "string");
      schema.put("enum", enumValues(type));
    } else if (type.isRecord()) {
      schema.put("$ref", REF_PREFIX + nameOf(type));
    } else if (Map.class.isAssignableFrom(type)) {
      schema.put("type", "object");
    } else if (type != Object.class) {
      throw new IllegalArgumentException("no JSON schema for " + type.getName());
    }
    // Object: any JSON value, so no constraint
  }

  /** The wire names of an enum's constants, without the one that stands for unknown values. */
  public static List<String> enumValues(Class<?> type) {
    List<String> values = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      try {
        var field = type.getField(name);
        if (field.isAnnotationPresent(JsonEnumDefaultValue.class)) {
          continue;
        }
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        values.add(property != null ? property.value() : name);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("enum constant without a field: " + name, e);
      }
    }
    return values;
  }

  private static void constrain(Map<String, Object> schema, WireField wire) {
    if (wire.values().length > 0) {
      schema.put("enum", List.of(wire.values()));
    }
    if (wire.minimum() != Long.MIN_VALUE) {
      schema.put("minimum", wire.minimum());
    }
    if (wire.maximum() != Long.MAX_VALUE) {
      schema.put("maximum", wire.maximum());
    }
    if (wire.maxLength() >= 0) {
      schema.put("maxLength", wire.maxLength());
    }
    if (!wire.format().isEmpty()) {
      schema.put("format", wire.format());
    }
    if (wire.writeOnly()) {
      schema.put("writeOnly", true);
    }
    if (!wire.description().isEmpty()) {
      schema.put("description", wire.description());
    }
  }

  /** The schema that also takes JSON null. */
  private static Map<String, Object> orNull(Map<String, Object> schema) {
    if (schema.containsKey("$ref")) {
      return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
    }
    if (!schema.containsKey("type")) {
      return schema; // any value, null included
    }
    Map<String, Object> nullable = new LinkedHashMap<>(schema);
    nullable.put("type", List.of(schema.get("type"), "null"));
    if (schema.get("enum") instanceof List<?> values) {
      List<Object> withNull = new ArrayList<>(values);
      withNull.add(null);
      nullable.put("enum", withNull);
    }
    return nullable;
  }

  private static JsonInclude.Include inclusion(RecordComponent component) {
    Method accessor = component.getAccessor();
    JsonInclude own = accessor.getAnnotation(JsonInclude.class);
    if (own != null && own.value() != JsonInclude.Include.USE_DEFAULTS) {
      return own.value();
    }
    JsonInclude onType = component.getDeclaringRecord().getAnnotation(JsonInclude.class);
    return onType != null && onType.value() != JsonInclude.Include.USE_DEFAULTS
        ? onType.value()
        : JsonInclude.Include.ALWAYS;
  }

  private static boolean isRequest(Class<?> type) {
    WireType wire = type.getAnnotation(WireType.class);
    return wire != null && wire.request();
  }

  @SuppressWarnings("unchecked")
  private static void collectRecords(Type type, Deque<Class<? extends Record>> into) {
    if (type instanceof ParameterizedType generic) {
      for (Type arg : generic.getActualTypeArguments()) {
        collectRecords(arg, into);
      }
    } else if (type instanceof Class<?> plain && plain.isRecord()) {
      into.addLast((Class<? extends Record>) plain);
    }
  }
}
