package io.aispine.agents.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static List<JsonSchemas.Violation> violations(JsonSchemas.Compiled schema, String value)
      throws Exception {
    JsonSchemas.Outcome outcome = schema.check(json(value));
    assertThat(outcome).isInstanceOf(JsonSchemas.Outcome.Checked.class);
    return ((JsonSchemas.Outcome.Checked) outcome).violations();
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

    assertThat(violations(schema, "{\"name\": \"Ada\", \"items\": [1, 2]}")).isEmpty();
    assertThat(violations(schema, "{\"items\": []}"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/name");
              assertThat(v.rule()).startsWith("required");
            });
    assertThat(violations(schema, "{\"name\": 3, \"items\": [1, \"two\"]}"))
        .extracting(JsonSchemas.Violation::pointer)
        .containsExactlyInAnyOrder("/name", "/items/1");
    assertThat(violations(schema, "{\"name\": 3}").getFirst().toString())
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
    assertThat(JsonSchemas.problemsOf(json("{\"$ref\": \"#\"}")))
        .startsWith("/$ref closes the cycle # → #");
    assertThatThrownBy(() -> JsonSchemas.compile(json("{\"$ref\": \"file:///etc/passwd\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/$ref points outside this schema");
  }

  @Test
  void a_stored_schema_that_breaks_the_rules_is_unusable_instead_of_throwing() throws Exception {
    JsonSchemas.Compiled loops = JsonSchemas.compileStored(json("{\"$ref\": \"#\"}"));

    assertThat(loops.check(json("{\"name\": \"Ada\"}")))
        .isInstanceOfSatisfying(
            JsonSchemas.Outcome.Unusable.class,
            u -> assertThat(u.reason()).contains("/$ref closes the cycle"));
    assertThat(JsonSchemas.compileStored(json("[1]")).check(json("{}")))
        .isInstanceOf(JsonSchemas.Outcome.Unusable.class);
    assertThat(JsonSchemas.compileStored(json("{\"type\": \"object\"}")).check(json("{}")))
        .isEqualTo(new JsonSchemas.Outcome.Checked(List.of()));
  }

  @Test
  void a_value_too_deep_for_a_recursive_schema_is_unusable_instead_of_overflowing()
      throws Exception {
    var tree =
        JsonSchemas.compile(
            json("{\"type\": \"object\", \"properties\": {\"child\": {\"$ref\": \"#\"}}}"));
    ObjectNode value = JsonNodeFactory.instance.objectNode();
    ObjectNode leaf = value;
    for (int i = 0; i < 200_000; i++) {
      leaf = leaf.putObject("child");
    }

    assertThat(tree.check(value))
        .isInstanceOfSatisfying(
            JsonSchemas.Outcome.Unusable.class,
            u -> assertThat(u.reason()).contains("overflowed the stack"));
  }

  @Test
  void the_validator_loads_no_document_but_its_bundled_meta_schemas() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    remote.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    remote.start();
    try {
      String url = "http://127.0.0.1:" + remote.getAddress().getPort() + "/s.json";
      // past the rules, as a schema stored before them reaches the validator
      for (String schema :
          List.of(
              "{\"$ref\": \"" + url + "\"}",
              "{\"$ref\": \"classpath:/reachable-schema.json\"}",
              "{\"$ref\": \"resource:/reachable-schema.json\"}",
              "{\"$ref\": \"https://json-schema.org/draft/2020-12/../../reachable-schema.json\"}")) {
        var compiled = JsonSchemas.REGISTRY.getSchema(json(schema));

        assertThatThrownBy(() -> compiled.validate(json("5")))
            .as(schema)
            .hasMessageContaining("is not allowed to be loaded");
      }
      assertThatThrownBy(
              () -> JsonSchemas.REGISTRY.getSchema(json("{\"$schema\": \"" + url + "\"}")))
          .hasMessageContaining("is not allowed to be loaded");
      assertThat(requests).hasValue(0);
    } finally {
      remote.stop(0);
    }
  }
}
