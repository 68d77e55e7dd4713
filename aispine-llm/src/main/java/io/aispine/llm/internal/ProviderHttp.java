package io.aispine.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.AgentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The HTTP exchange with a provider: one JSON request, the answer as JSON or as a stream of lines,
 * and every way it can fail turned into a typed agent error that names the provider and the fix.
 */
public final class ProviderHttp {

  /** Shared by every provider call of the process; HTTP/1.1, as every model server speaks it. */
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  static final ObjectMapper JSON = new ObjectMapper();

  private final String provider;
  private final String baseUrl;
  private final Map<String, String> headers;
  private final Duration timeout;

  /**
   * @param provider the provider's name, for error messages
   * @param baseUrl the URL the paths are appended to (no trailing slash needed)
   * @param headers sent with every request (authentication, API version)
   */
  public ProviderHttp(
      String provider, String baseUrl, Map<String, String> headers, Duration timeout) {
    this.provider = provider;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
  }

  /** POSTs {@code body} to {@code path} and parses the JSON answer. */
  JsonNode post(String path, Object body) throws AgentException, InterruptedException {
    HttpResponse<String> response = send(request(path, body), HttpResponse.BodyHandlers.ofString());
    requireSuccess(path, response.statusCode(), response.body());
    return parse(path, response.body());
  }

  /** GETs {@code path} and parses the JSON answer. */
  JsonNode get(String path) throws AgentException, InterruptedException {
    var request = builder(path).GET().build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    requireSuccess(path, response.statusCode(), response.body());
    return parse(path, response.body());
  }

  /** POSTs {@code body} and hands each line of the streamed answer to {@code lines}. */
  void postStreaming(String path, Object body, LineHandler lines)
      throws AgentException, InterruptedException {
    HttpResponse<Stream<String>> response =
        send(request(path, body), HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> stream = response.body()) {
      if (response.statusCode() / 100 != 2) {
        requireSuccess(path, response.statusCode(), String.join("\n", stream.limit(20).toList()));
      }
      var iterator = stream.iterator();
      while (iterator.hasNext()) {
        if (Thread.interrupted()) {
          throw new InterruptedException("the model call was interrupted while streaming");
        }
        lines.line(iterator.next());
      }
    } catch (UncheckedIOException e) {
      throw new AgentException.Unreachable(
          "PROVIDER_UNREACHABLE",
          "provider '" + provider + "' broke off the stream of " + path + ": " + e.getMessage(),
          e);
    }
  }

  /** Parses one streamed JSON document, failing the call when it is not JSON. */
  JsonNode parse(String path, String text) throws AgentException {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AgentException.Unreachable(
          "PROVIDER_BAD_RESPONSE",
          "provider '"
              + provider
              + "' answered "
              + path
              + " with something that is not JSON: "
              + clip(text));
    }
  }

  /** The provider's name. */
  String provider() {
    return provider;
  }

  private HttpRequest request(String path, Object body) throws AgentException {
    try {
      return builder(path)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new AgentException.Permanent(
          "LLM_INPUT_INVALID", "the model call cannot be written as JSON: " + e.getMessage());
    }
  }

  private HttpRequest.Builder builder(String path) throws AgentException {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    } catch (IllegalArgumentException e) {
      throw new AgentException.Permanent(
          "PROVIDER_MISCONFIGURED",
          "provider '"
              + provider
              + "' has an unusable URL '"
              + baseUrl
              + "': "
              + e.getMessage()
              + "; fix it with `aispine provider add "
              + provider
              + " --base-url …`");
    }
    headers.forEach(builder::header);
    return builder;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws AgentException, InterruptedException {
    try {
      return CLIENT.send(request, handler);
    } catch (HttpTimeoutException e) {
      throw new AgentException.Unreachable(
          "PROVIDER_TIMEOUT",
          "provider '"
              + provider
              + "' gave no answer within "
              + timeout.toSeconds()
              + " s ("
              + request.uri()
              + "); raise its timeout with `aispine provider add "
              + provider
              + " --timeout …` if the model is slow",
          e);
    } catch (ConnectException e) {
      throw new AgentException.Unreachable(
          "PROVIDER_UNREACHABLE",
          "provider '"
              + provider
              + "' cannot be reached at "
              + baseUrl
              + " (connection refused): is the model server running?",
          e);
    } catch (IOException e) {
      throw new AgentException.Unreachable(
          "PROVIDER_UNREACHABLE", "provider '" + provider + "' at " + baseUrl + " failed: " + e, e);
    }
  }

  private void requireSuccess(String path, int status, String body) throws AgentException {
    if (status / 100 == 2) {
      return;
    }
    String said = "provider '" + provider + "' answered " + path + " with " + status + ": ";
    if (status == 429) {
      throw new AgentException.Retryable("PROVIDER_RATE_LIMITED", said + clip(body));
    }
    if (status >= 500) {
      throw new AgentException.Unreachable("PROVIDER_UNAVAILABLE", said + clip(body));
    }
    if (status == 401 || status == 403) {
      throw new AgentException.Permanent(
          "PROVIDER_AUTH",
          said
              + clip(body)
              + "; set its key with `aispine provider add "
              + provider
              + " --api-key …`");
    }
    throw new AgentException.Permanent("PROVIDER_REJECTED", said + clip(body));
  }

  private static String clip(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }

  /** Receives the lines of a streamed answer. */
  @FunctionalInterface
  interface LineHandler {
    void line(String line) throws AgentException;
  }
}
