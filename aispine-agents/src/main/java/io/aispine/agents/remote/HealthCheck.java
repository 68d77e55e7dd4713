package io.aispine.agents.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.outbound.OutboundDeniedException;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One {@code GET /health} of a remote agent, turned into a {@link HealthReport}. */
final class HealthCheck {

  private HealthCheck() {}

  /** The largest health answer read; a health document is a few hundred bytes. */
  private static final int MAX_BYTES = 64 * 1024;

  static HealthReport run(OutboundHttp client, RemoteEndpoint endpoint, Duration timeout)
      throws InterruptedException {
    var request =
        endpoint
            .request("GET", "/health", timeout)
            .withHeader("Accept", "application/json")
            .limitedTo(MAX_BYTES);
    long started = System.nanoTime();
    OutboundResponse response;
    try {
      response = client.send(request);
    } catch (OutboundDeniedException e) {
      // Checked every round: a setting changed since registration shows here, not as a timeout.
      return HealthReport.down(since(started), e.getMessage());
    } catch (HttpTimeoutException e) {
      return HealthReport.down(since(started), "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return HealthReport.down(since(started), "cannot reach the agent (" + e + ")");
    }
    Duration latency = since(started);
    if (response.status() != 200) {
      return HealthReport.down(latency, "GET /health answered " + response.status());
    }
    JsonNode body;
    try {
      body = ContractJson.mapper().readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject() || !body.path("status").isTextual()) {
      return HealthReport.down(latency, "GET /health did not answer {\"status\": …} JSON");
    }
    String status = body.get("status").asText();
    return new HealthReport(
        status,
        body.path("name").asText(null),
        body.path("version").asText(null),
        latency,
        "ok".equals(status) ? null : "the agent reports status '" + status + "'");
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
