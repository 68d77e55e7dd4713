package io.aispine.agents.serve;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.ExecuteRequest;
import java.io.IOException;
import java.util.Map;

/** Validates a {@code POST /execute} body; every problem is a 400 naming the field at fault. */
final class ExecuteRequestParser {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ExecuteRequestParser() {}

  /**
   * The request in {@code body}.
   *
   * @throws ProblemException 400 when the body is not JSON or a field is missing or mistyped
   */
  static ExecuteRequest parse(byte[] body) {
    JsonNode root = tree(body);
    if (!root.isObject()) {
      throw invalid("the body must be a JSON object, got " + kind(root), "");
    }
    return new ExecuteRequest(
        text(root, "execution_id"),
        text(root, "node"),
        attempt(root),
        text(root, "idempotency_key"),
        optionalText(root, "action"),
        object(root, "input", true),
        withoutNulls(object(root, "context", false)));
  }

  private static JsonNode tree(byte[] body) {
    if (body.length == 0) {
      throw invalid("the body is empty; send the call as a JSON object", null);
    }
    try {
      JsonNode root = ContractJson.mapper().readTree(body);
      if (root == null || root.isMissingNode()) {
        throw invalid("the body is empty; send the call as a JSON object", null);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw invalid("the body is not valid JSON" + where + ": " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw invalid("the body could not be read as JSON", null);
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw invalid("missing required field '" + field + "' (a non-empty string)", field);
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw invalid("'" + field + "' must be a non-empty string, got " + kind(value), field);
    }
    return value.asText();
  }

  private static String optionalText(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid("'" + field + "' must be a string or null, got " + kind(value), field);
    }
    return value.asText();
  }

  private static int attempt(JsonNode root) {
    JsonNode value = root.get("attempt");
    if (value == null || value.isNull()) {
      throw invalid("missing required field 'attempt' (an integer >= 1)", "attempt");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw invalid("'attempt' must be an integer >= 1, got " + kind(value), "attempt");
    }
    return value.intValue();
  }

  private static Map<String, Object> object(JsonNode root, String field, boolean required) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid("missing required field '" + field + "' (a JSON object)", field);
      }
      return Map.of();
    }
    if (!value.isObject()) {
      throw invalid("'" + field + "' must be a JSON object, got " + kind(value), field);
    }
    return ContractJson.mapper().convertValue(value, MAP);
  }

  /** The context without null values, which a call's context cannot hold. */
  private static Map<String, Object> withoutNulls(Map<String, Object> context) {
    var kept = new java.util.LinkedHashMap<>(context);
    kept.values().removeIf(java.util.Objects::isNull);
    return kept;
  }

  /** How a value reads in a message: its JSON type, and short scalars themselves. */
  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> value.asText().length() <= 40 ? "\"" + value.asText() + "\"" : "a string";
      case NUMBER, BOOLEAN -> value.toString();
      case NULL -> "null";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static ProblemException invalid(String detail, String field) {
    return new ProblemException(Problem.badRequest(detail, field == null ? null : "/" + field));
  }
}
