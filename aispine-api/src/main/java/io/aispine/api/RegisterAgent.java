package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/agents}: an agent manifest plus {@code url} and {@code secret};
 * with only {@code url} (and {@code secret}) the server fetches the manifest from the agent's
 * {@code GET /manifest}.
 */
@WireType(request = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterAgent(
    @Nullable String name,
    @Nullable String version,
    @WireField(format = "uri") String url,
    @WireField(writeOnly = true) @Nullable String secret,
    @Nullable String description,
    @Nullable String category,
    @Nullable List<String> tags,
    @JsonProperty("input_schema") @Nullable Object inputSchema,
    @JsonProperty("output_schema") @Nullable Object outputSchema,
    @JsonProperty("sample_input") @Nullable Map<String, Object> sampleInput,
    @Nullable Pricing pricing,
    @Nullable Limits limits,
    @Nullable Boolean sensitive,
    @JsonProperty("sensitive_actions") @Nullable List<String> sensitiveActions) {

  /** A registration by URL alone: the server fetches the manifest. */
  public static RegisterAgent byUrl(String url, String secret) {
    return new RegisterAgent(
        null, null, url, secret, null, null, null, null, null, null, null, null, null, null);
  }

  /** Keeps the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "RegisterAgent[name="
        + name
        + ", version="
        + version
        + ", url="
        + url
        + ", secret="
        + (secret == null ? "none" : "***")
        + "]";
  }
}
