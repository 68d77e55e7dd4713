package io.aispine.cli.certify;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agentsdk.AgentManifest;
import java.util.ArrayList;
import java.util.List;

/** What a manifest must hold to be certified (docs/agent-sdk.md, "The manifest"). */
final class ManifestRules {

  private ManifestRules() {}

  /** Every problem of {@code manifest}, joined; empty when it is valid. */
  static String problemsOf(JsonNode manifest) {
    List<String> problems = new ArrayList<>();
    for (String field : List.of("name", "version", "description")) {
      if (!manifest.path(field).isTextual() || manifest.path(field).asText().isBlank()) {
        problems.add("'" + field + "' must be a non-empty string");
      }
    }
    String version = manifest.path("version").asText("");
    if (!version.isEmpty() && !AgentManifest.SEMVER.matcher(version).matches()) {
      problems.add("'version' " + version + " is not a semantic version like 1.0.0");
    }
    for (String field : List.of("input_schema", "output_schema")) {
      String problem = Schemas.problemsOf(manifest.get(field));
      if (!problem.isEmpty()) {
        problems.add("'" + field + "' " + (manifest.has(field) ? problem : "is missing"));
      }
    }
    JsonNode sample = manifest.get("sample_input");
    if (sample == null || !sample.isObject()) {
      problems.add("'sample_input' must be an object the agent accepts");
    } else if (Schemas.problemsOf(manifest.get("input_schema")).isEmpty()) {
      String violations = Schemas.violations(manifest.get("input_schema"), sample);
      if (!violations.isEmpty()) {
        problems.add("'sample_input' does not match input_schema: " + violations);
      }
    }
    return String.join("; ", problems);
  }
}
