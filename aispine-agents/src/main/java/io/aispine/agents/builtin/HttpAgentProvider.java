package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;
import io.aispine.agents.outbound.OutboundHttp;
import java.util.Objects;

/**
 * Provides the {@code http} agent, which sends one HTTP request and answers with the response.
 *
 * <p>Found through {@link java.util.ServiceLoader}, it sends through {@link
 * OutboundHttp#forThisProcess()}: loopback and public addresses plus the allowlist in {@code
 * AISPINE_OUTBOUND_ALLOW}. A server replaces it with one built on its own policy.
 */
public final class HttpAgentProvider implements AgentProvider {

  private final OutboundHttp http;

  /** The provider {@link java.util.ServiceLoader} creates: requests of a local process. */
  public HttpAgentProvider() {
    this.http = null; // the shared client is created on the first call, not when agents load
  }

  /** A provider whose agent sends every request through {@code http} and its policy. */
  public HttpAgentProvider(OutboundHttp http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Sends an HTTP request and returns the status, headers and (JSON-parsed) body.";
  }

  @Override
  public Agent create() {
    return new HttpRequestAgent(http != null ? http : OutboundHttp.forThisProcess());
  }
}
