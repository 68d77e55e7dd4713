package io.aispine.agents.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundRequest;
import io.aispine.agents.outbound.OutboundResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP request described by its input and answers with the response. Requests go through
 * an {@link OutboundHttp} client, so they reach only what its {@link
 * io.aispine.agents.outbound.OutboundPolicy} allows, and follow up to {@value #MAX_REDIRECTS}
 * redirects, each checked again.
 */
final class HttpRequestAgent implements Agent {

  /** The timeout when neither the input nor the engine sets one, so that no call hangs. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How many redirects a call follows before it answers the redirect itself. */
  static final int MAX_REDIRECTS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutboundHttp http;

  HttpRequestAgent(OutboundHttp http) {
    this.http = http;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    HttpRequestInput input = HttpRequestInput.parse(call.inputMap(), JSON);
    Duration timeout = timeout(input.timeout(), call.timeout());
    OutboundRequest request = request(input, timeout);
    long started = System.nanoTime();
    OutboundResponse response;
    try {
      // send() aborts the exchange and throws InterruptedException when this thread is
      // interrupted, which is how the engine enforces node timeouts and cancellation.
      response = http.send(request);
    } catch (IOException e) {
      throw HttpFailures.forIo(input, e, timeout);
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    if (!input.expects(response.status())) {
      throw HttpFailures.forStatus(input, response);
    }
    var output = new LinkedHashMap<String, Object>();
    output.put("status", response.status());
    output.put("headers", headers(response));
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

  private static OutboundRequest request(HttpRequestInput input, Duration timeout)
      throws AgentException.Permanent {
    OutboundRequest request =
        OutboundRequest.of(input.method(), input.uri(), timeout)
            .withBody(input.body())
            .followingRedirects(MAX_REDIRECTS);
    for (var header : input.headers().entrySet()) {
      try {
        request = request.withHeader(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        // The value stays out of the message: it may be a credential.
        throw InputFields.invalid(
            "http",
            "headers." + header.getKey(),
            "cannot be sent: the name or value is invalid, or the client sets this header"
                + " itself (Host, Connection, Content-Length, Expect, Upgrade, Transfer-Encoding)");
      }
    }
    return request;
  }

  private static Map<String, String> headers(OutboundResponse response) {
    var result = new LinkedHashMap<String, String>();
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      if (!header.getValue().isEmpty()) {
        result.putIfAbsent(header.getKey(), header.getValue().getFirst());
      }
    }
    return result;
  }

  private static Object body(OutboundResponse response) {
    String body = response.text();
    if (!isJson(response.header("content-type").orElse(""))) {
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
