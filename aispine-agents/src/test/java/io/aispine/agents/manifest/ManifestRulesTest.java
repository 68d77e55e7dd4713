package io.aispine.agents.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> pointers(String manifest) throws Exception {
    JsonNode tree = JSON.readTree(manifest);
    return ManifestRules.forRegistry(tree, Set.of("url")).stream()
        .map(ManifestRules.Problem::pointer)
        .toList();
  }

  @Test
  void accepts_a_full_manifest() throws Exception {
    assertThat(
            pointers(
                """
                {"name": "ocr-id", "version": "1.4.0", "description": "Reads IDs",
                 "category": "documents", "tags": ["ocr", "kyc"],
                 "input_schema": {"type": "object", "required": ["image"]},
                 "output_schema": {"type": "object"},
                 "sample_input": {"image": "x"},
                 "pricing": {"model": "per_token", "usd_per_input_token": 0.000001},
                 "limits": {"rate_per_minute": 60, "max_concurrency": 4},
                 "sensitive": false, "sensitive_actions": ["delete"], "url": "http://x"}
                """))
        .isEmpty();
    assertThat(pointers("{\"name\": \"a\", \"version\": \"1.0.0\"}")).isEmpty();
  }

  @Test
  void names_every_faulty_field() throws Exception {
    assertThat(
            pointers(
                """
                {"name": "Bad Name", "version": "1.0", "tags": ["ok", ""],
                 "input_schema": {"type": "thing"}, "output_schema": 3,
                 "pricing": {"model": "per_call"}, "limits": {"rate_per_minute": 0, "burst": 2},
                 "sensitive": "yes", "colour": "red"}
                """))
        .containsExactly(
            "/colour",
            "/name",
            "/version",
            "/tags/1",
            "/input_schema",
            "/output_schema",
            "/pricing/usd_per_call",
            "/limits/rate_per_minute",
            "/limits/burst",
            "/sensitive");
    assertThat(
            pointers(
                "{\"name\": \"a\", \"version\": \"1.0.0\", \"pricing\": {\"model\": \"gold\"}}"))
        .containsExactly("/pricing/model");
    assertThat(
            pointers(
                "{\"name\": \"a\", \"version\": \"1.0.0\", \"input_schema\": {\"required\": [\"x\"]},"
                    + " \"sample_input\": {}}"))
        .containsExactly("/sample_input");
    assertThat(pointers("[]")).containsExactly("");
  }

  @Test
  void certification_wants_a_description_both_schemas_and_a_sample() throws Exception {
    assertThat(
            ManifestRules.forCertification(
                JSON.readTree("{\"name\": \"a\", \"version\": \"1.0.0\"}")))
        .contains("'description' must be a non-empty string")
        .contains("'input_schema' is missing")
        .contains("'output_schema' is missing")
        .contains("'sample_input' must be an object");
  }
}
