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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * An agent that lives in another process: each call is a {@code POST /execute} to the agent's base
 * URL per the HTTP agent contract, signed when a secret is set.
 */
public final class HttpAgent implements Agent {

  /** How long a call may take when the engine sets no timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How long a health check may take. */
  public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  // One client for every remote agent: it pools connections per host and never blocks a carrier.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_2)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  private final RemoteEndpoint endpoint;
  private final Signer signer;
  private final Duration defaultTimeout;
  private final InstantSource clock;

  /**
   * An agent served at {@code baseUrl}.
   *
   * @param baseUrl where the agent serves {@code /execute} and {@code /health}
   * @param secret the shared signing secret, or null to send unsigned requests
   * @param defaultTimeout how long a call may take when the engine sets no timeout
   */
  public HttpAgent(URI baseUrl, String secret, Duration defaultTimeout) {
    this(baseUrl, secret, defaultTimeout, InstantSource.system());
  }

  /** An agent at {@code baseUrl} with the default 30 s timeout. */
  public HttpAgent(URI baseUrl, String secret) {
    this(baseUrl, secret, DEFAULT_TIMEOUT);
  }

  HttpAgent(URI baseUrl, String secret, Duration defaultTimeout, InstantSource clock) {
    this.endpoint = new RemoteEndpoint(baseUrl);
    this.signer = secret == null ? null : new Signer(secret);
    this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    this.clock = clock;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    Duration timeout = timeout(call.timeout());
    HttpRequest request = request(call, timeout);
    HttpResponse<byte[]> response;
    try {
      // send() cancels the exchange and throws InterruptedException when this thread is
      // interrupted, which is how the engine enforces node timeouts and cancellation.
      response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw RemoteFailures.forIo(endpoint.describe("POST", "/execute"), e, timeout);
    }
    return ResponseDecoder.decode(endpoint.describe("POST", "/execute"), response);
  }

  /** Asks the agent how it is, within {@link #HEALTH_TIMEOUT}; never throws for a sick agent. */
  public HealthReport health() throws InterruptedException {
    return HealthCheck.run(CLIENT, endpoint, HEALTH_TIMEOUT);
  }

  private Duration timeout(Duration allowed) {
    Duration timeout = allowed == null ? defaultTimeout : allowed;
    // An allowance already used up still gets a request that times out, not a bad argument.
    return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
  }

  private HttpRequest request(AgentCall call, Duration timeout) throws AgentException.Permanent {
    String key = idempotencyKey(call);
    byte[] body = body(call);
    var builder =
        endpoint
            .request("/execute", timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(ContractHeaders.TRACEPARENT, TraceContext.traceparent(call.context()))
            .header(ContractHeaders.TIMEOUT_MS, Long.toString(timeout.toMillis()));
    try {
      builder.header(ContractHeaders.IDEMPOTENCY_KEY, key);
      if (signer != null) {
        long now = clock.instant().getEpochSecond();
        builder
            .header(ContractHeaders.SIGNATURE_ID, key)
            .header(ContractHeaders.SIGNATURE_TIMESTAMP, Long.toString(now))
            .header(ContractHeaders.SIGNATURE, signer.sign(key, now, body));
      }
    } catch (IllegalArgumentException e) {
      throw new AgentException.Permanent(
          "INVALID_INPUT",
          "the idempotency key '"
              + key
              + "' cannot be sent as an HTTP header (control characters)");
    }
    return builder.build();
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
