package io.aispine.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.Problem;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.AispineConnectionException;
import io.aispine.sdk.ApiJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Sends requests to the API with the bearer token and turns every failure into an {@link
 * io.aispine.sdk.AispineException} that names the server, the request and what went wrong.
 */
public final class HttpTransport {

  private static final String USER_AGENT = "aispine-java-sdk";

  private final URI base;
  private final String token;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration connectTimeout;

  /** A transport to the server at {@code base} ({@code http://host:port}, without a path). */
  public HttpTransport(
      URI base, String token, HttpClient http, Duration connectTimeout, Duration requestTimeout) {
    this.base = base;
    this.token = token;
    this.http = http;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /** A status and a parsed JSON body (a missing body reads as a JSON null). */
  public record JsonReply(int status, JsonNode body) {}

  /** Sends a request, expecting a 2xx JSON answer; other statuses throw the server's problem. */
  public JsonReply send(
      String method,
      String path,
      Map<String, List<String>> query,
      String contentType,
      String body) {
    HttpRequest.Builder request = request(path, query).timeout(requestTimeout);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response = exchange(method, path, request.build());
    if (response.statusCode() >= 400 || response.statusCode() < 200) {
      throw ProblemReader.read(method, path, response.statusCode(), response.body());
    }
    return new JsonReply(response.statusCode(), parse(method, path, response.body()));
  }

  /**
   * Opens an event stream; the caller reads and closes its lines. An error status throws the
   * server's problem, an unreachable server a connection exception.
   */
  public HttpResponse<Stream<String>> openStream(String path, String lastEventId)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path, Map.of()).setHeader("Accept", "text/event-stream");
    if (lastEventId != null && !lastEventId.isEmpty()) {
      request.header("Last-Event-ID", lastEventId);
    }
    request.header("Cache-Control", "no-cache");
    // No request timeout: it would cut a healthy stream; EventStream watches for silence instead.
    HttpResponse<Stream<String>> response =
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      String body;
      try (Stream<String> lines = response.body()) {
        body = String.join("\n", lines.limit(200).toList());
      }
      throw ProblemReader.read("GET", path, response.statusCode(), body);
    }
    return response;
  }

  /** Turns an I/O failure on {@code method path} into a message that says what to check. */
  public AispineConnectionException connectionFailure(String method, String path, Exception e) {
    String message =
        switch (e) {
          case HttpConnectTimeoutException t ->
              "cannot reach " + base + ": no connection within " + seconds(connectTimeout);
          case HttpTimeoutException t ->
              base
                  + " did not answer "
                  + method
                  + " "
                  + path
                  + " within "
                  + seconds(requestTimeout);
          case ConnectException c when c.getCause() instanceof UnresolvedAddressException ->
              "cannot reach " + base + ": unknown host '" + base.getHost() + "'";
          case ConnectException c -> "cannot reach " + base + ": connection refused";
          case InterruptedException i -> "interrupted while waiting for " + method + " " + path;
          default ->
              "lost the connection to "
                  + base
                  + " during "
                  + method
                  + " "
                  + path
                  + ": "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
    return new AispineConnectionException(base, message, e);
  }

  /** The server's base URL. */
  public URI base() {
    return base;
  }

  /** Percent-encodes one path segment (a flow id, a version, an agent name). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> exchange(String method, String path, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw connectionFailure(method, path, e);
    } catch (IOException e) {
      throw connectionFailure(method, path, e);
    }
  }

  private HttpRequest.Builder request(String path, Map<String, List<String>> query) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path + queryString(query)))
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json, application/problem+json");
    if (token != null && !token.isEmpty()) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static String queryString(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    var joiner = new StringJoiner("&", "?", "");
    query.forEach(
        (name, values) ->
            values.forEach(
                v ->
                    joiner.add(
                        URLEncoder.encode(name, StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return joiner.toString();
  }

  private JsonNode parse(String method, String path, String body) {
    if (body == null || body.isBlank()) {
      return ApiJson.mapper().nullNode();
    }
    try {
      return ApiJson.mapper().readTree(body);
    } catch (IOException e) {
      throw new AispineApiException(
          method,
          path,
          new Problem(
              "urn:aispine:problem:bad-response",
              "Unreadable answer",
              502,
              "the server's answer is not JSON: " + ProblemReader.excerpt(body),
              path,
              List.of()));
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
