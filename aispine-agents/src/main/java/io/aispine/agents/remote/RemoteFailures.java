package io.aispine.agents.remote;

import io.aispine.agent.AgentException;
import io.aispine.agents.outbound.OutboundDeniedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Turns a failed exchange with a remote agent into an agent error: {@link
 * AgentException.Unreachable} when the agent could not serve the call (no connection, no answer in
 * time, a broken exchange, a 5xx of its transport), which circuit breakers count; retryable or
 * permanent otherwise.
 */
final class RemoteFailures {

  /** The code of a call that got no answer in time. */
  static final String TIMEOUT = "TIMEOUT";

  /** The code of an agent that could not be reached. */
  static final String UNREACHABLE = "AGENT_UNREACHABLE";

  /** The code of a connection that broke during the exchange. */
  static final String IO = "AGENT_IO";

  /** The code of a TLS handshake that failed. */
  static final String TLS = "AGENT_TLS";

  /** The code of an answer that does not follow the contract. */
  static final String PROTOCOL = "AGENT_PROTOCOL";

  private RemoteFailures() {}

  /** The error for an exchange that produced no response. */
  static AgentException forIo(String target, IOException failure, Duration timeout) {
    return switch (failure) {
      // The policy's message names the address and the setting that would allow it.
      case OutboundDeniedException e ->
          new AgentException.Permanent(OutboundDeniedException.CODE, e.getMessage(), e);
      case UnknownHostException e ->
          new AgentException.Retryable(
              UNREACHABLE, target + ": cannot connect (host name not found)", e);
      case HttpConnectTimeoutException e ->
          new AgentException.Unreachable(
              UNREACHABLE, target + ": could not connect in time (" + reason(e) + ")", e);
      case HttpTimeoutException e ->
          new AgentException.Unreachable(
              TIMEOUT, target + ": no answer within " + timeout.toMillis() + " ms", e);
      case ConnectException e ->
          new AgentException.Unreachable(
              UNREACHABLE, target + ": cannot connect (" + reason(e) + ")", e);
      case SSLException e ->
          new AgentException.Permanent(
              TLS, target + ": TLS handshake failed (" + reason(e) + "); check the URL", e);
      default ->
          // Reset or closed mid-exchange: the agent may have restarted; another attempt may work.
          new AgentException.Unreachable(
              IO, target + ": the exchange failed (" + reason(failure) + ")", failure);
    };
  }

  /**
   * The error for an HTTP status that came without the agent's contract answer: a 5xx means the
   * agent (or what stands in front of it) could not serve the call; a 408 or 429 that it may later;
   * any other status will be the same again.
   */
  static AgentException forStatus(int status, String message) {
    String code = "AGENT_HTTP_" + status;
    if (status >= 500) {
      return new AgentException.Unreachable(code, message);
    }
    return status == 408 || status == 429
        ? new AgentException.Retryable(code, message)
        : new AgentException.Permanent(code, message);
  }

  /** The error for an answer that breaks the contract; {@code what} names the broken part. */
  static AgentException.Permanent protocol(String target, String what) {
    return new AgentException.Permanent(
        PROTOCOL, target + ": the answer does not follow the agent contract: " + what);
  }

  private static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "host name not found";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }
}
