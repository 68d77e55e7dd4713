package io.aispine.agents.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void names_the_field_and_the_rule_of_each_violation_as_a_json_pointer() throws Exception {
    var schema =
        JsonSchemas.compile(
            json(
                """
                {"type": "object", "required": ["name"],
                 "properties": {"name": {"type": "string"},
                                "items": {"type": "array", "items": {"type": "integer"}}}}
                """));

    assertThat(schema.violations(json("{\"name\": \"Ada\", \"items\": [1, 2]}"))).isEmpty();
    assertThat(schema.violations(json("{\"items\": []}")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/name");
              assertThat(v.rule()).startsWith("required");
            });
    assertThat(schema.violations(json("{\"name\": 3, \"items\": [1, \"two\"]}")))
        .extracting(JsonSchemas.Violation::pointer)
        .containsExactlyInAnyOrder("/name", "/items/1");
    assertThat(schema.violations(json("{\"name\": 3}")).getFirst().toString())
        .startsWith("/name: type: ")
        .contains("string");
  }

  @Test
  void tells_a_valid_schema_from_an_invalid_one() throws Exception {
    assertThat(JsonSchemas.problemsOf(json("{\"type\": \"object\"}"))).isEmpty();
    assertThat(JsonSchemas.problemsOf(json("true"))).isEmpty();
    assertThat(JsonSchemas.problemsOf(json("{\"type\": \"thing\"}"))).isNotEmpty();
    assertThat(JsonSchemas.problemsOf(json("{\"required\": \"name\"}"))).contains("/required");
    assertThat(JsonSchemas.problemsOf(json("[1]"))).contains("not a JSON Schema");
  }
}
