package io.aispine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSchemasTest {

  @Test
  void derives_a_schema_for_every_record_the_routes_use_and_the_records_they_reach() {
    Map<String, Object> schemas = ApiSchemas.components();

    assertThat(schemas)
        .containsKeys("Execution", "NodeState", "NodeRun", "Usage", "Problem", "FieldError")
        .containsKey("Event") // HistoryEvent keeps the document's name
        .doesNotContainKey("HistoryEvent");
  }

  @Test
  void names_fields_by_their_json_property_and_types_them_from_java() {
    Map<String, Object> execution = ApiSchemas.schemaOf(Execution.class);

    assertThat(properties(execution))
        .containsEntry("created_at", Map.of("type", "string", "format", "date-time"))
        .containsEntry(
            "finished_at", Map.of("type", List.of("string", "null"), "format", "date-time"))
        .containsEntry(
            "status",
            Map.of(
                "type", "string", "enum", List.of("running", "succeeded", "failed", "cancelled")))
        .containsEntry(
            "nodes",
            Map.of("type", "array", "items", Map.of("$ref", "#/components/schemas/NodeState")))
        .containsEntry(
            "replay_of",
            Map.of(
                "anyOf",
                List.of(
                    Map.of("$ref", "#/components/schemas/ReplayOrigin"), Map.of("type", "null"))));
    assertThat(strings(execution.get("required"))).contains("id", "created_at", "finished_at");
  }

  @Test
  void a_field_left_out_when_empty_is_optional_and_never_null() {
    Map<String, Object> node = ApiSchemas.schemaOf(NodeState.class);

    assertThat(strings(node.get("required"))).doesNotContain("reason", "reused", "waiting");
    assertThat(properties(node).get("reason")).isEqualTo(Map.of("type", "string"));
  }

  @Test
  void request_records_refuse_unknown_fields_and_carry_their_constraints() {
    Map<String, Object> limits = ApiSchemas.schemaOf(AgentLimitsRequest.class);

    assertThat(limits).containsEntry("additionalProperties", false).doesNotContainKey("required");
    assertThat(properties(limits).get("rate_per_minute"))
        .isEqualTo(
            Map.of("type", List.of("integer", "null"), "minimum", 1L, "maximum", 1_000_000L));
    assertThat(strings(ApiSchemas.schemaOf(ReplayRequest.class).get("required")))
        .containsExactly("from");
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return (List<String>) list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> schema) {
    return (Map<String, Object>) schema.get("properties");
  }
}
