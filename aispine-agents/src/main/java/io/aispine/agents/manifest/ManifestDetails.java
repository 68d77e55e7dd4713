package io.aispine.agents.manifest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.contract.ContractJson;
import io.aispine.store.AgentDetails;
import io.aispine.store.AgentLimits;
import io.aispine.store.AgentPricing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a manifest says about an agent version beyond its name and version: category, tags, schemas,
 * sample input, pricing, limits and sensitivity, as the registry keeps them. Read from a manifest
 * that {@link ManifestRules#forRegistry} accepted.
 */
public final class ManifestDetails {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ManifestDetails() {}

  /** The details of {@code manifest}, a JSON object that follows the manifest rules. */
  public static AgentDetails of(JsonNode manifest) {
    return new AgentDetails(
        text(manifest, "category"),
        strings(manifest.get("tags")),
        value(manifest.get("input_schema")),
        value(manifest.get("output_schema")),
        manifest.hasNonNull("sample_input")
            ? ContractJson.mapper().convertValue(manifest.get("sample_input"), MAP)
            : null,
        pricing(manifest.get("pricing")),
        limits(manifest.get("limits")),
        manifest.path("sensitive").asBoolean(false),
        strings(manifest.get("sensitive_actions")));
  }

  /** The text of {@code field}, or null when it is absent or null. */
  public static String text(JsonNode manifest, String field) {
    return manifest.hasNonNull(field) ? manifest.get(field).asText() : null;
  }

  private static AgentPricing pricing(JsonNode p) {
    if (p == null || p.isNull()) {
      return null;
    }
    return new AgentPricing(
        p.get("model").asText(),
        number(p.get("usd_per_call")),
        number(p.get("usd_per_input_token")),
        number(p.get("usd_per_output_token")));
  }

  private static AgentLimits limits(JsonNode l) {
    if (l == null || l.isNull()) {
      return null;
    }
    return new AgentLimits(integer(l.get("rate_per_minute")), integer(l.get("max_concurrency")));
  }

  private static Object value(JsonNode node) {
    return node == null || node.isNull()
        ? null
        : ContractJson.mapper().convertValue(node, Object.class);
  }

  private static List<String> strings(JsonNode node) {
    List<String> list = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(item -> list.add(item.asText()));
    }
    return list;
  }

  private static Double number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  private static Integer integer(JsonNode node) {
    return node == null || node.isNull() ? null : node.asInt();
  }
}
