package io.aispine.agents.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ContractHeaders;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.ExecuteRequest;
import io.aispine.agents.contract.Signer;
import io.aispine.agents.contract.TraceContext;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundRequest;
import io.aispine.agents.outbound.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * An agent that lives in another process: each call is a {@code POST /execute} to the agent's base
 * URL per the HTTP agent contract, signed when a secret is set, sent through an {@link
 * OutboundHttp} client so that it reaches only what that client's policy allows.
 */
public final class HttpAgent implements Agent {

  /** How long a call may take when the engine sets no timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How long a health check may take. */
  public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

  private final OutboundHttp http;
  private final RemoteEndpoint endpoint;
  private final Signer signer;
  private final Duration defaultTimeout;
  private final InstantSource clock;

  /**
   * An agent served at {@code baseUrl}, called through {@code http} and so only where its policy
   * allows; redirects are not followed (an agent's URL is where it serves).
   *
   * @param baseUrl where the agent serves {@code /execute} and {@code /health}
   * @param secret the shared signing secret, or null to send unsigned requests
   * @param http the client, shared by every agent of a server
   */
  public HttpAgent(URI baseUrl, String secret, OutboundHttp http) {
    this(baseUrl, secret, DEFAULT_TIMEOUT, InstantSource.system(), http);
  }

  /**
   * An agent served at {@code baseUrl}, called through {@link OutboundHttp#forThisProcess()}.
   *
   * @param baseUrl where the agent serves {@code /execute} and {@code /health}
   * @param secret the shared signing secret, or null to send unsigned requests
   * @param defaultTimeout how long a call may take when the engine sets no timeout
   */
  public HttpAgent(URI baseUrl, String secret, Duration defaultTimeout) {
    this(baseUrl, secret, defaultTimeout, InstantSource.system(), OutboundHttp.forThisProcess());
  }

  /**
   * An agent at {@code baseUrl} with the default 30 s timeout; see {@link #HttpAgent(URI, String,
   * Duration)}.
   */
  public HttpAgent(URI baseUrl, String secret) {
    this(baseUrl, secret, DEFAULT_TIMEOUT);
  }

  HttpAgent(
      URI baseUrl, String secret, Duration defaultTimeout, InstantSource clock, OutboundHttp http) {
    this.http = Objects.requireNonNull(http, "http");
    this.endpoint = new RemoteEndpoint(baseUrl);
    this.signer = secret == null ? null : new Signer(secret);
    this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    this.clock = clock;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    Duration timeout = timeout(call.timeout());
    OutboundRequest request = request(call, timeout);
    OutboundResponse response;
    try {
      // send() aborts the exchange and throws InterruptedException when this thread is
      // interrupted, which is how the engine enforces node timeouts and cancellation.
      response = http.send(request);
    } catch (IOException e) {
      throw RemoteFailures.forIo(endpoint.describe("POST", "/execute"), e, timeout);
    }
    return ResponseDecoder.decode(endpoint.describe("POST", "/execute"), response);
  }

  /** Asks the agent how it is, within {@link #HEALTH_TIMEOUT}; never throws for a sick agent. */
  public HealthReport health() throws InterruptedException {
    return HealthCheck.run(http, endpoint, HEALTH_TIMEOUT);
  }

  private Duration timeout(Duration allowed) {
    Duration timeout = allowed == null ? defaultTimeout : allowed;
    // An allowance already used up still gets a request that times out, not a bad argument.
    return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
  }

  private OutboundRequest request(AgentCall call, Duration timeout)
      throws AgentException.Permanent {
    String key = idempotencyKey(call);
    byte[] body = body(call);
    var request =
        endpoint
            .request("POST", "/execute", timeout)
            .withBody(body)
            .withHeader("Content-Type", "application/json")
            .withHeader("Accept", "application/json")
            .withHeader(ContractHeaders.TRACEPARENT, TraceContext.traceparent(call.context()))
            .withHeader(ContractHeaders.TIMEOUT_MS, Long.toString(timeout.toMillis()));
    try {
      request = request.withHeader(ContractHeaders.IDEMPOTENCY_KEY, key);
      if (signer != null) {
        long now = clock.instant().getEpochSecond();
        request =
            request
                .withHeader(ContractHeaders.SIGNATURE_ID, key)
                .withHeader(ContractHeaders.SIGNATURE_TIMESTAMP, Long.toString(now))
                .withHeader(ContractHeaders.SIGNATURE, signer.sign(key, now, body));
      }
    } catch (IllegalArgumentException e) {
      throw new AgentException.Permanent(
          "INVALID_INPUT",
          "the idempotency key '"
              + key
              + "' cannot be sent as an HTTP header (control characters)");
    }
    return request;
  }

  private static String idempotencyKey(AgentCall call) {
    return call.idempotencyKey() != null
        ? call.idempotencyKey()
        : call.executionId() + "/" + call.nodePath() + "/" + call.attempt();
  }

  private static byte[] body(AgentCall call) throws AgentException.Permanent {
    Map<String, Object> input = inputObject(call.input());
    try {
      return ContractJson.mapper().writeValueAsBytes(ExecuteRequest.of(call, input));
    } catch (JsonProcessingException e) {
      throw new AgentException.Permanent(
          "INVALID_INPUT",
          "the call's input or context cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inputObject(Object input) throws AgentException.Permanent {
    if (input == null) {
      return Map.of();
    }
    if (input instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new AgentException.Permanent(
        "INVALID_INPUT",
        "HTTP agents take an object input (the node's 'with:' map), got "
            + input.getClass().getSimpleName());
  }

  @Override
  public String toString() {
    return "HttpAgent[" + endpoint + (signer == null ? ", unsigned]" : ", signed]");
  }
}
