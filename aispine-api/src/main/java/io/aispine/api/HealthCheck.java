package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The answer of a health check made on demand: {@code ok} or {@code down}, how long it took, why it
 * failed, and the version's health and circuit after it.
 */
public record HealthCheck(
    @WireField(values = {"ok", "down"}) String status,
    String version,
    @JsonProperty("latency_ms") long latencyMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String error,
    @JsonProperty("checked_at") Instant checkedAt,
    Health health,
    Circuit circuit) {

  /** True when the agent answered its health check. */
  public boolean ok() {
    return "ok".equals(status);
  }
}
