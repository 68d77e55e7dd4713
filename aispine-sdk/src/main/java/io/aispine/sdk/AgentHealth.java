package io.aispine.sdk;

import java.time.Instant;

/** The result of a health check the server just made: {@code ok} or {@code down}, and why. */
public record AgentHealth(String status, Long latencyMs, String error, Instant checkedAt) {

  /** True when the agent answered its health check. */
  public boolean ok() {
    return "ok".equals(status);
  }
}
