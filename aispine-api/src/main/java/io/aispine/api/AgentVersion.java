package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an agent as the server shows it: its manifest (schemas, pricing, limits,
 * sensitivity), whether it is deprecated or drained, and its health and circuit. {@code url} and
 * the manifest fields are set for HTTP agents only; the signing secret is never returned.
 *
 * @param createdAt when it was registered (null for built-ins)
 * @param signed whether calls to it are signed (a secret is set)
 * @param inputSchema the JSON Schema of its input, or null (anything)
 * @param drained true when it gets no new calls (its own drain or its agent's)
 */
public record AgentVersion(
    String name,
    String version,
    @Nullable String url,
    @Nullable String description,
    boolean signed,
    @JsonProperty("created_at") @Nullable Instant createdAt,
    @Nullable String category,
    List<String> tags,
    @JsonProperty("input_schema") @Nullable Object inputSchema,
    @JsonProperty("output_schema") @Nullable Object outputSchema,
    @JsonProperty("sample_input") @Nullable Map<String, Object> sampleInput,
    @Nullable Pricing pricing,
    @Nullable Limits limits,
    boolean sensitive,
    @JsonProperty("sensitive_actions") List<String> sensitiveActions,
    boolean deprecated,
    @JsonProperty("deprecated_at") @Nullable Instant deprecatedAt,
    @JsonProperty("deprecation_reason") @Nullable String deprecationReason,
    Health health,
    Circuit circuit,
    boolean drained) {

  /** Missing lists read as empty. */
  public AgentVersion {
    tags = tags == null ? List.of() : List.copyOf(tags);
    sensitiveActions = sensitiveActions == null ? List.of() : List.copyOf(sensitiveActions);
  }
}
