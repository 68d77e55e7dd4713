package io.aispine.agents.builtin;

import io.aispine.agent.AgentException;
import io.aispine.agents.outbound.OutboundDeniedException;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in an HTTP exchange into a retryable or permanent agent error.
 *
 * <p>Messages name the method and the URL without its query or user info, and never carry request
 * header values: query strings and headers are where credentials travel.
 */
final class HttpFailures {

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "x-api-key", "api-key");
  private static final int SNIPPET_CHARS = 300;

  private HttpFailures() {}

  /** Whether another attempt may get a different answer: timeouts, throttling, server errors. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The error for a response whose status the request did not expect. */
  static AgentException forStatus(HttpRequestInput request, OutboundResponse response) {
    int status = response.status();
    var message = new StringBuilder(describe(request)).append(" answered ").append(status);
    if (!request.expectStatus().isEmpty()) {
      message.append(" (expected one of ").append(request.expectStatus()).append(')');
    }
    // Throttling servers say when to come back; the message is where an operator will look.
    response
        .header("retry-after")
        .ifPresent(after -> message.append(", Retry-After: ").append(after));
    String snippet = snippet(response.text(), request.headers());
    if (!snippet.isEmpty()) {
      message.append(": ").append(snippet);
    }
    String code = "HTTP_" + status;
    return retryable(status)
        ? new AgentException.Retryable(code, message.toString())
        : new AgentException.Permanent(code, message.toString());
  }

  /** The error for an exchange that produced no response. */
  static AgentException forIo(HttpRequestInput request, IOException failure, Duration timeout) {
    String target = describe(request);
    return switch (failure) {
      // The policy's message names the address and the setting that would allow it.
      case OutboundDeniedException e ->
          new AgentException.Permanent(OutboundDeniedException.CODE, e.getMessage(), e);
      case OutboundHttp.ResponseTooLargeException e ->
          new AgentException.Permanent(
              "HTTP_TOO_LARGE", target + ": " + e.getMessage() + "; ask for less", e);
      case UnknownHostException e ->
          new AgentException.Retryable(
              "HTTP_CONNECT", target + ": cannot connect (host name not found)", e);
      case HttpConnectTimeoutException e ->
          new AgentException.Retryable(
              "HTTP_TIMEOUT", target + ": could not connect in time (" + reason(e) + ")", e);
      case HttpTimeoutException e ->
          new AgentException.Retryable(
              "HTTP_TIMEOUT",
              target + ": no response within " + timeout.toMillis() + " ms (timeout)",
              e);
      case ConnectException e ->
          new AgentException.Retryable(
              "HTTP_CONNECT", target + ": cannot connect (" + reason(e) + ")", e);
      case SSLException e ->
          new AgentException.Permanent(
              "HTTP_TLS",
              target + ": TLS handshake failed (" + reason(e) + "); check the URL and certificate",
              e);
      default ->
          new AgentException.Retryable(
              "HTTP_IO", target + ": the exchange failed (" + reason(failure) + ")", failure);
    };
  }

  /** The method and URL for messages, without user info or query. */
  static String describe(HttpRequestInput request) {
    URI uri = request.uri();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return request.method() + " " + uri.getScheme() + "://" + uri.getHost() + port + path;
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

  /** The start of a response body for a message, with any secret the request sent blanked out. */
  static String snippet(String body, Map<String, String> requestHeaders) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = body.strip().replaceAll("\\s+", " ");
    // Some servers echo the request back in their errors; do not let a credential ride along.
    for (var header : requestHeaders.entrySet()) {
      if (looksSecret(header.getKey())) {
        text = redact(text, header.getValue());
      }
    }
    return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
  }

  /** Whether a header name suggests that its value is a credential. */
  static boolean looksSecret(String headerName) {
    String name = headerName.toLowerCase(Locale.ROOT);
    return SECRET_HEADERS.contains(name)
        || name.contains("token")
        || name.contains("secret")
        || name.contains("password")
        || name.contains("api-key")
        || name.contains("apikey")
        || name.contains("auth");
  }

  private static String redact(String text, String secret) {
    String redacted = replaceIfLong(text, secret);
    // "Bearer abc…": the credential may be echoed without its scheme.
    int space = secret.indexOf(' ');
    return space < 0 ? redacted : replaceIfLong(redacted, secret.substring(space + 1).strip());
  }

  private static String replaceIfLong(String text, String secret) {
    // Blanking out very short values would garble the message and hide nothing worth hiding.
    return secret.length() < 4 ? text : text.replace(secret, "***");
  }
}
