package io.aispine.agents.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.contract.ContractJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One {@code GET /health} of a remote agent, turned into a {@link HealthReport}. */
final class HealthCheck {

  private HealthCheck() {}

  static HealthReport run(HttpClient client, RemoteEndpoint endpoint, Duration timeout)
      throws InterruptedException {
    var request = endpoint.request("/health", timeout).GET().header("Accept", "application/json");
    long started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return HealthReport.down(since(started), "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return HealthReport.down(since(started), "cannot reach the agent (" + e + ")");
    }
    Duration latency = since(started);
    if (response.statusCode() != 200) {
      return HealthReport.down(latency, "GET /health answered " + response.statusCode());
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
