package io.aispine.agentsdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.manifest.ManifestRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an agent is, takes and gives, served at {@code GET /manifest} and read by {@code aispine
 * agent test} and the marketplace; its JSON is snake_case (see docs/agent-sdk.md).
 *
 * @param name the agent's name, lower-case letters, digits and dashes
 * @param version the agent's semantic version ({@code 1.4.0})
 * @param description one sentence for people
 * @param category a marketplace category ({@code documents}, {@code messaging} …)
 * @param tags search tags
 * @param inputSchema the JSON Schema of {@code input}
 * @param outputSchema the JSON Schema of a successful {@code output}
 * @param sampleInput an input that the agent accepts, used by the certification suite
 * @param pricing how calls are priced (optional): {@code {"model": "per_call", "usd_per_call":
 *     0.002}}, {@code per_token} with {@code usd_per_input_token}/{@code usd_per_output_token}, or
 *     {@code free}; a server's registry refuses other shapes (docs/agents.md, "Manifests")
 * @param limits {@code rate_per_minute} and {@code max_concurrency}, integers >= 1 (optional)
 * @param sensitiveActions actions that need a person's approval (optional)
 * @param sensitive true when every action needs a person's approval (optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentManifest(
    String name,
    String version,
    String description,
    String category,
    List<String> tags,
    Map<String, Object> inputSchema,
    Map<String, Object> outputSchema,
    Map<String, Object> sampleInput,
    Map<String, Object> pricing,
    Map<String, Object> limits,
    List<String> sensitiveActions,
    Boolean sensitive) {

  /** Semantic Versioning 2.0.0, as its specification's suggested expression. */
  public static final Pattern SEMVER = ManifestRules.SEMVER;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  public AgentManifest {
    Objects.requireNonNull(name, "manifest name");
    Objects.requireNonNull(version, "manifest version");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "agent name '" + name + "' must be lower-case letters, digits and dashes, like 'ocr-id'");
    }
    if (!SEMVER.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "agent version '" + version + "' is not a semantic version; write it like '1.0.0'");
    }
    description = description == null ? "" : description;
    category = category == null ? "general" : category;
    tags = tags == null ? List.of() : List.copyOf(tags);
    inputSchema = inputSchema == null ? Map.of("type", "object") : inputSchema;
    outputSchema = outputSchema == null ? Map.of() : outputSchema;
    sampleInput = sampleInput == null ? Map.of() : sampleInput;
    sensitiveActions = sensitiveActions == null ? null : List.copyOf(sensitiveActions);
  }

  /** A manifest that does not say whether the agent as a whole is sensitive. */
  public AgentManifest(
      String name,
      String version,
      String description,
      String category,
      List<String> tags,
      Map<String, Object> inputSchema,
      Map<String, Object> outputSchema,
      Map<String, Object> sampleInput,
      Map<String, Object> pricing,
      Map<String, Object> limits,
      List<String> sensitiveActions) {
    this(
        name,
        version,
        description,
        category,
        tags,
        inputSchema,
        outputSchema,
        sampleInput,
        pricing,
        limits,
        sensitiveActions,
        null);
  }

  /** A manifest with just a name and version: any object in, anything out. */
  public static AgentManifest of(String name, String version) {
    return new AgentManifest(name, version, null, null, null, null, null, null, null, null, null);
  }

  /** Reads a manifest from JSON, such as an {@code agent.json} file. */
  public static AgentManifest read(InputStream json) {
    try {
      return ContractJson.mapper().readValue(json, AgentManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agent manifest: " + e.getMessage(), e);
    }
  }

  /** Reads the manifest at {@code resource} on the class path ({@code /agent.json}). */
  public static AgentManifest fromResource(String resource) {
    try (InputStream in = AgentManifest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no " + resource + " on the class path; put it in src/main/resources");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
