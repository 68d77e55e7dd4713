package io.aispine.cli.certify;

import io.aispine.agents.contract.ContractHeaders;
import io.aispine.agents.contract.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Calls an agent's endpoints as AI Spine would, signing when given a secret, and times them. */
final class AgentProbe {

  /** One answer: status, body and round trip; status 0 when there was no answer. */
  record Answer(int status, String body, double millis, String failure) {
    boolean answered() {
      return status > 0;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String base;
  private final Signer signer;
  private final HttpClient http;

  AgentProbe(String baseUrl, String secret) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.signer = secret == null || secret.isBlank() ? null : new Signer(secret);
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET()).join();
  }

  Answer execute(String body, String key) {
    return executeAsync(body, key).join();
  }

  CompletableFuture<Answer> executeAsync(String body, String key) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var request =
        HttpRequest.newBuilder(URI.create(base + "/execute"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header(ContractHeaders.IDEMPOTENCY_KEY, key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (signer != null) {
      long now = Instant.now().getEpochSecond();
      request
          .header(ContractHeaders.SIGNATURE_ID, key)
          .header(ContractHeaders.SIGNATURE_TIMESTAMP, Long.toString(now))
          .header(ContractHeaders.SIGNATURE, signer.sign(key, now, bytes));
    }
    return send(request);
  }

  private CompletableFuture<Answer> send(HttpRequest.Builder request) {
    long start = System.nanoTime();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              double millis = (System.nanoTime() - start) / 1e6;
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                return new Answer(
                    0, "", millis, cause.getClass().getSimpleName() + ": " + cause.getMessage());
              }
              return new Answer(response.statusCode(), response.body(), millis, null);
            });
  }

  String base() {
    return base;
  }
}
