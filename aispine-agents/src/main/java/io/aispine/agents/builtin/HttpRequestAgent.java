package io.aispine.agents.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/** Sends one HTTP request described by its input and answers with the response. */
final class HttpRequestAgent implements Agent {

  /** The timeout when neither the input nor the engine sets one, so that no call hangs. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  // One client for every call: it pools connections, and HTTP/2 multiplexes on them.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_2)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL)
          // The client's own work runs on virtual threads too: no platform pool to size or starve.
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    HttpRequestInput input = HttpRequestInput.parse(call.inputMap(), JSON);
    Duration timeout = timeout(input.timeout(), call.timeout());
    HttpRequest request = request(input, timeout);
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      // send() cancels the exchange and throws InterruptedException when this thread is
      // interrupted, which is how the engine enforces node timeouts and cancellation.
      response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw HttpFailures.forIo(input, e, timeout);
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    if (!input.expects(response.statusCode())) {
      throw HttpFailures.forStatus(input, response);
    }
    var output = new LinkedHashMap<String, Object>();
    output.put("status", response.statusCode());
    output.put("headers", headers(response.headers()));
    output.put("body", body(response));
    output.put("duration_ms", durationMs);
    return AgentResult.success(output);
  }

  /** The shorter of the input's and the engine's timeouts, or the default when neither is set. */
  static Duration timeout(Duration asked, Duration allowed) {
    Duration timeout = asked;
    if (allowed != null && (timeout == null || allowed.compareTo(timeout) < 0)) {
      timeout = allowed;
    }
    if (timeout == null) {
      return DEFAULT_TIMEOUT;
    }
    // An allowance already used up still gets a request that times out, not a bad argument.
    return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
  }

  private static HttpRequest request(HttpRequestInput input, Duration timeout)
      throws AgentException.Permanent {
    var builder =
        HttpRequest.newBuilder(input.uri())
            .timeout(timeout)
            .method(
                input.method(),
                input.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(input.body()));
    // Cleartext HTTP/2 means an h2c upgrade that few servers support and some mishandle; over
    // TLS, ALPN settles on HTTP/2 or HTTP/1.1 without a round trip.
    if (input.uri().getScheme().equalsIgnoreCase("http")) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    for (var header : input.headers().entrySet()) {
      try {
        builder.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        // The value stays out of the message: it may be a credential.
        throw InputFields.invalid(
            "http",
            "headers." + header.getKey(),
            "cannot be sent: the name or value is invalid, or the client sets this header"
                + " itself (Host, Connection, Content-Length, Expect, Upgrade)");
      }
    }
    return builder.build();
  }

  private static Map<String, String> headers(HttpHeaders headers) {
    var result = new LinkedHashMap<String, String>();
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      String name = header.getKey();
      // HTTP/2 pseudo-headers (":status") are framing, not response headers.
      if (!name.startsWith(":") && !header.getValue().isEmpty()) {
        result.putIfAbsent(name.toLowerCase(Locale.ROOT), header.getValue().getFirst());
      }
    }
    return result;
  }

  private static Object body(HttpResponse<String> response) {
    String body = response.body();
    if (!isJson(response.headers().firstValue("content-type").orElse(""))) {
      return body;
    }
    if (body.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      // A server that labels text as JSON still answered; hand the flow the text, not a failure.
      return body;
    }
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }
}
