package io.aispine.agents.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an agent manifest must hold (docs/agents.md, "Manifests"): to be registered with a server
 * ({@link #forRegistry}) or to pass certification ({@link #forCertification}). Works on the JSON
 * tree, so that every problem is named by its JSON pointer.
 */
public final class ManifestRules {

  /** Semantic Versioning 2.0.0, as its specification's suggested expression. */
  public static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  /** An agent name: lower case letters, digits, {@code -} or {@code _}, starting with a letter. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /** The pricing models a manifest may declare. */
  public static final Set<String> PRICING_MODELS = Set.of("per_call", "per_token", "free");

  /** The fields of a manifest, in the order the API shows them. */
  public static final List<String> FIELDS =
      List.of(
          "name",
          "version",
          "description",
          "category",
          "tags",
          "input_schema",
          "output_schema",
          "sample_input",
          "pricing",
          "limits",
          "sensitive",
          "sensitive_actions");

  private static final Map<String, Set<String>> PRICING_FIELDS =
      Map.of(
          "per_call", Set.of("model", "usd_per_call"),
          "per_token", Set.of("model", "usd_per_input_token", "usd_per_output_token"),
          "free", Set.of("model"));

  /** One problem of a manifest: the JSON pointer of the field and what is wrong with it. */
  public record Problem(String pointer, String detail) {
    @Override
    public String toString() {
      return detail;
    }
  }

  private final List<Problem> problems = new ArrayList<>();
  private final JsonNode manifest;

  private ManifestRules(JsonNode manifest) {
    this.manifest = manifest;
  }

  /**
   * Every problem that stops {@code manifest} from being registered, in field order; empty when it
   * can be. Unknown fields are problems, except those in {@code extraFields} (the server's {@code
   * url} and {@code secret}).
   */
  public static List<Problem> forRegistry(JsonNode manifest, Set<String> extraFields) {
    if (manifest == null || !manifest.isObject()) {
      return List.of(new Problem("", "the manifest must be a JSON object"));
    }
    var rules = new ManifestRules(manifest);
    rules.unknownFields(extraFields);
    rules.name();
    rules.version();
    rules.optionalText("description", 2000);
    rules.optionalText("category", 64);
    rules.stringList("tags");
    rules.schema("input_schema", false);
    rules.schema("output_schema", false);
    rules.sampleInput(false);
    rules.pricing();
    rules.limits();
    if (manifest.has("sensitive") && !manifest.get("sensitive").isBoolean()) {
      rules.add("/sensitive", "field /sensitive must be true or false");
    }
    rules.stringList("sensitive_actions");
    return List.copyOf(rules.problems);
  }

  /**
   * Every problem that fails certification (docs/agent-sdk.md, "The manifest"), joined with {@code
   * ; }; empty when it passes. Stricter about content than the registry (a description, both
   * schemas and a sample input are required), tolerant of fields it does not know.
   */
  public static String forCertification(JsonNode manifest) {
    var rules = new ManifestRules(manifest);
    for (String field : List.of("name", "version", "description")) {
      if (!manifest.path(field).isTextual() || manifest.path(field).asText().isBlank()) {
        rules.add("/" + field, "'" + field + "' must be a non-empty string");
      }
    }
    String version = manifest.path("version").asText("");
    if (!version.isEmpty() && !SEMVER.matcher(version).matches()) {
      rules.add("/version", "'version' " + version + " is not a semantic version like 1.0.0");
    }
    rules.schema("input_schema", true);
    rules.schema("output_schema", true);
    rules.sampleInput(true);
    return String.join("; ", rules.problems.stream().map(Problem::detail).toList());
  }

  private void unknownFields(Set<String> extraFields) {
    for (Iterator<String> names = manifest.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field) && !extraFields.contains(field)) {
        add(
            "/" + field,
            "unknown field '"
                + field
                + "'; known fields: "
                + String.join(", ", FIELDS)
                + (extraFields.isEmpty() ? "" : ", " + String.join(", ", extraFields)));
      }
    }
  }

  private void name() {
    JsonNode name = manifest.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      add("/name", "field /name is required");
    } else if (!NAME.matcher(name.asText()).matches()) {
      add(
          "/name",
          "field /name must be lower case letters, digits, '-' or '_', starting with a letter, at"
              + " most 63 characters");
    }
  }

  private void version() {
    JsonNode version = manifest.get("version");
    if (version == null || !version.isTextual() || version.asText().isBlank()) {
      add("/version", "field /version is required");
    } else if (!SEMVER.matcher(version.asText()).matches()) {
      add(
          "/version",
          "field /version must be a semantic version like 1.2.0, got '"
              + clip(version.asText())
              + "'");
    }
  }

  private void optionalText(String field, int max) {
    JsonNode value = manifest.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      add("/" + field, "field /" + field + " must be a string");
    } else if (value.asText().length() > max) {
      add("/" + field, "field /" + field + " must be at most " + max + " characters");
    }
  }

  private void stringList(String field) {
    JsonNode value = manifest.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isArray()) {
      add("/" + field, "field /" + field + " must be an array of strings");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual() || value.get(i).asText().isBlank()) {
        add("/" + field + "/" + i, "field /" + field + "/" + i + " must be a non-empty string");
      }
    }
  }

  private void schema(String field, boolean required) {
    JsonNode schema = manifest.get(field);
    if (schema == null || schema.isNull()) {
      if (required) {
        add("/" + field, "'" + field + "' is missing");
      }
      return;
    }
    if (schema.isObject() || schema.isBoolean()) {
      List<SchemaRules.Problem> broken = SchemaRules.check(schema);
      for (SchemaRules.Problem p : broken) {
        String at = "/" + field + p.pointer();
        add(at, (required ? "'" + at.substring(1) + "' " : "field " + at + " ") + p.rule());
      }
      if (!broken.isEmpty()) {
        return;
      }
    }
    String problem = JsonSchemas.problemsOf(schema);
    if (!problem.isEmpty()) {
      String what = required ? "'" + field + "' " : "field /" + field + " ";
      add(
          "/" + field,
          what + (problem.startsWith("is ") ? "" : "is not a valid JSON Schema: ") + problem);
    }
  }

  private void sampleInput(boolean required) {
    JsonNode sample = manifest.get("sample_input");
    if (sample == null || sample.isNull() || !sample.isObject()) {
      if (required || (sample != null && !sample.isNull())) {
        add("/sample_input", "'sample_input' must be an object the agent accepts");
      }
      return;
    }
    JsonNode schema = manifest.get("input_schema");
    if (schema != null && JsonSchemas.problemsOf(schema).isEmpty()) {
      String violations = JsonSchemas.violations(schema, sample);
      if (!violations.isEmpty()) {
        add("/sample_input", "'sample_input' does not match input_schema: " + violations);
      }
    }
  }

  private void pricing() {
    JsonNode pricing = manifest.get("pricing");
    if (pricing == null || pricing.isNull()) {
      return;
    }
    if (!pricing.isObject()) {
      add("/pricing", "field /pricing must be an object like {\"model\": \"per_call\", …}");
      return;
    }
    JsonNode model = pricing.get("model");
    if (model == null || !model.isTextual() || !PRICING_MODELS.contains(model.asText())) {
      add(
          "/pricing/model",
          "field /pricing/model must be one of per_call, per_token, free"
              + (model == null ? "" : ", got " + clip(model.toString())));
      return;
    }
    Set<String> allowed = PRICING_FIELDS.get(model.asText());
    for (Iterator<String> names = pricing.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!allowed.contains(field)) {
        add(
            "/pricing/" + field,
            "field /pricing/"
                + field
                + " does not apply to pricing model "
                + model.asText()
                + "; it takes "
                + String.join(", ", allowed.stream().sorted().toList()));
      } else if (!field.equals("model")) {
        JsonNode usd = pricing.get(field);
        if (!usd.isNumber() || usd.asDouble() < 0) {
          add("/pricing/" + field, "field /pricing/" + field + " must be a number >= 0 (USD)");
        }
      }
    }
    if (model.asText().equals("per_call") && !pricing.has("usd_per_call")) {
      add("/pricing/usd_per_call", "field /pricing/usd_per_call is required for per_call pricing");
    }
    if (model.asText().equals("per_token")
        && !pricing.has("usd_per_input_token")
        && !pricing.has("usd_per_output_token")) {
      add(
          "/pricing/usd_per_input_token",
          "per_token pricing needs usd_per_input_token or usd_per_output_token");
    }
  }

  private void limits() {
    JsonNode limits = manifest.get("limits");
    if (limits == null || limits.isNull()) {
      return;
    }
    if (!limits.isObject()) {
      add("/limits", "field /limits must be an object like {\"rate_per_minute\": 60}");
      return;
    }
    for (Iterator<String> names = limits.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      JsonNode value = limits.get(field);
      if (!field.equals("rate_per_minute") && !field.equals("max_concurrency")) {
        add(
            "/limits/" + field,
            "unknown field /limits/" + field + "; known fields: rate_per_minute, max_concurrency");
      } else if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
        add("/limits/" + field, "field /limits/" + field + " must be an integer >= 1");
      }
    }
  }

  private void add(String pointer, String detail) {
    problems.add(new Problem(pointer, detail));
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
