package io.aispine.agents.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules a manifest's schemas must follow so that checking a value stays inside the manifest,
 * finite and small (docs/agents.md, "Schemas"), seen through {@link ManifestRules#forRegistry}.
 */
class SchemaRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<ManifestRules.Problem> problems(String field, String schema)
      throws Exception {
    return ManifestRules.forRegistry(
        JSON.readTree(
            "{\"name\": \"a\", \"version\": \"1.0.0\", \"" + field + "\": " + schema + "}"),
        Set.of());
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("{\"$ref\": \"http://169.254.169.254/latest/meta-data\"}", "/$ref", "fetch"),
        Arguments.of(
            "{\"properties\": {\"doc\": {\"$ref\": \"file:///etc/passwd\"}}}",
            "/properties/doc/$ref",
            "fetch"),
        Arguments.of("{\"$ref\": \"classpath:/logback.xml\"}", "/$ref", "fetch"),
        Arguments.of("{\"items\": {\"$ref\": \"other.json#/x\"}}", "/items/$ref", "fetch"),
        Arguments.of(
            "{\"$id\": \"http://127.0.0.1:1/schemas/\", \"$ref\": \"order.json\"}",
            "/$ref",
            "fetch"),
        Arguments.of(
            "{\"$defs\": {\"x\": {\"$id\": \"http://127.0.0.1:1/x.json\"}},"
                + " \"$ref\": \"#/$defs/x\"}",
            "/$defs/x/$id",
            "$id"),
        Arguments.of("{\"$dynamicRef\": \"http://127.0.0.1:1/d\"}", "/$dynamicRef", "fetch"),
        Arguments.of("{\"$schema\": \"http://127.0.0.1:1/meta\"}", "/$schema", "$schema"),
        Arguments.of(
            "{\"allOf\": [{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}]}",
            "/allOf/0/$schema",
            "$schema"),
        Arguments.of("{\"$ref\": 7}", "/$ref", "string"),
        Arguments.of("{\"$ref\": \"#/$defs/missing\"}", "/$ref", "nothing"),
        Arguments.of("{\"$ref\": \"#/required\", \"required\": [\"a\"]}", "/$ref", "schema"),
        Arguments.of("{\"$ref\": \"#nowhere\"}", "/$ref", "$anchor"),
        Arguments.of("{\"$ref\": \"#\"}", "/$ref", "base case"),
        Arguments.of(
            "{\"$ref\": \"#/$defs/a\","
                + " \"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}}",
            "/$defs/b/$ref",
            "#/$defs/a → #/$defs/b → #/$defs/a"),
        Arguments.of(
            "{\"anyOf\": [{\"type\": \"string\"}, {\"$ref\": \"#\"}]}",
            "/anyOf/1/$ref",
            "base case"),
        Arguments.of(
            "{\"$ref\": \"#/properties/a\", \"properties\": {\"a\": {\"$ref\": \"#\"}}}",
            "/properties/a/$ref",
            "base case"),
        Arguments.of(
            "{\"$ref\": \"#/enum/0\", \"enum\": [{\"$ref\": \"#/enum/0\"}]}",
            "/enum/0/$ref",
            "base case"),
        Arguments.of(
            "{\"$ref\": \"#a\", \"$defs\": {\"x\": {\"$anchor\": \"a\", \"not\": {\"$ref\": \"#a\"}}}}",
            "/$defs/x/not/$ref",
            "base case"),
        Arguments.of(
            "{\"$schema\": \"https://json-schema.org/draft/2019-09/schema\","
                + " \"$recursiveRef\": \"#\"}",
            "/$recursiveRef",
            "base case"));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void refuses_a_schema_that_reaches_outside_the_manifest_or_recurses_forever(
      String schema, String pointer, String rule) throws Exception {
    List<ManifestRules.Problem> problems = problems("input_schema", schema);

    assertThat(problems).as(schema).isNotEmpty();
    assertThat(problems.getFirst().pointer()).isEqualTo("/input_schema" + pointer);
    assertThat(problems.getFirst().detail())
        .startsWith("field /input_schema" + pointer + " ")
        .contains(rule);
  }

  @Test
  void checks_the_output_schema_by_the_same_rules() throws Exception {
    assertThat(problems("output_schema", "{\"$ref\": \"#\"}"))
        .extracting(ManifestRules.Problem::pointer)
        .containsExactly("/output_schema/$ref");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a tree: the recursion descends into the value, which is finite
        "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
            + " \"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}}}",
        "{\"$ref\": \"#/$defs/node\", \"$defs\": {\"node\": {\"type\": \"object\","
            + " \"properties\": {\"next\": {\"$ref\": \"#/$defs/node\"}}}}}",
        "{\"$ref\": \"#item\", \"$defs\": {\"item\": {\"$anchor\": \"item\", \"type\": \"string\"}}}",
        "{\"$id\": \"https://example.com/order.json\", \"$ref\": \"#/$defs/a\","
            + " \"$defs\": {\"a\": {\"type\": \"object\"}}}",
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
            + " \"definitions\": {\"a\": {\"type\": \"string\"}},"
            + " \"properties\": {\"a\": {\"$ref\": \"#/definitions/a\"}}}",
        "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}",
        // "$ref" as a property name and inside data is no reference
        "{\"properties\": {\"$ref\": {\"type\": \"string\"}},"
            + " \"examples\": [{\"$ref\": \"http://x/\"}]}",
        "{\"properties\": {\"a b\": {\"type\": \"string\"}, \"c\": {\"$ref\": \"#/properties/a%20b\"}}}",
        "{\"$defs\": {\"x~/y\": {\"type\": \"string\"}}, \"items\": {\"$ref\": \"#/$defs/x~0~1y\"}}"
      })
  void accepts_local_references_and_recursion_that_descends_into_the_value(String schema)
      throws Exception {
    assertThat(problems("input_schema", schema)).isEmpty();
  }

  @Test
  void bounds_the_size_of_a_schema() throws Exception {
    String big = "{\"description\": \"" + "x".repeat(256 * 1024) + "\"}";

    List<ManifestRules.Problem> problems = problems("input_schema", big);

    assertThat(problems)
        .extracting(ManifestRules.Problem::pointer)
        .containsExactly("/input_schema");
    assertThat(problems.getFirst().detail()).contains("262144 bytes");
  }

  @Test
  void bounds_how_deep_a_schema_nests() throws Exception {
    String deepest = "{\"items\": ".repeat(64) + "{}" + "}".repeat(64);
    String allowed = "{\"items\": ".repeat(63) + "{}" + "}".repeat(63);

    List<ManifestRules.Problem> problems = problems("input_schema", deepest);

    assertThat(problems)
        .extracting(ManifestRules.Problem::pointer)
        .containsExactly("/input_schema" + "/items".repeat(64));
    assertThat(problems.getFirst().detail()).contains("64 levels");
    assertThat(problems("input_schema", allowed)).isEmpty();
  }

  @Test
  void bounds_how_many_references_apply_at_one_place_of_a_value() throws Exception {
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      defs.append(i == 0 ? "" : ", ")
          .append("\"d")
          .append(i)
          .append("\": ")
          .append(i == 69 ? "{\"type\": \"string\"}" : "{\"$ref\": \"#/$defs/d" + (i + 1) + "\"}");
    }
    String chain = "{\"$ref\": \"#/$defs/d0\", \"$defs\": {" + defs + "}}";

    List<ManifestRules.Problem> problems = problems("input_schema", chain);

    assertThat(problems)
        .extracting(ManifestRules.Problem::pointer)
        .containsExactly("/input_schema/$ref");
    assertThat(problems.getFirst().detail()).contains("64");
  }
}
