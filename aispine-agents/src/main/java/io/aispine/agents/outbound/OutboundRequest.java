package io.aispine.agents.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request for {@link OutboundHttp}.
 *
 * @param method the upper-case method
 * @param uri the absolute {@code http} or {@code https} URL
 * @param headers the headers to send, in order; never the ones the client sets itself ({@link
 *     #RESTRICTED})
 * @param body the body, or null for none
 * @param timeout how long the whole exchange may take, redirects included
 * @param maxRedirects how many redirects to follow (each checked like the first request); 0 to
 *     answer the redirect itself
 * @param maxResponseBytes the largest response body read; a larger one fails the request
 */
public record OutboundRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    byte[] body,
    Duration timeout,
    int maxRedirects,
    int maxResponseBytes) {

  /** The largest response body read unless the request says otherwise: 10 MiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

  /** Headers that frame the exchange, so only the client sets them. */
  public static final Set<String> RESTRICTED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer",
          "keep-alive",
          "proxy-connection");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public OutboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    if (!TOKEN.matcher(method).matches()) {
      throw new IllegalArgumentException("'" + method + "' is not an HTTP method");
    }
    var copy = new LinkedHashMap<String, String>();
    for (var header : headers.entrySet()) {
      checkHeader(header.getKey(), header.getValue());
      copy.put(header.getKey(), header.getValue());
    }
    headers = Collections.unmodifiableMap(copy);
    if (timeout.isNegative() || timeout.isZero()) {
      timeout = Duration.ofMillis(1); // an allowance used up still gets a request that times out
    }
    if (maxRedirects < 0 || maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxRedirects must be >= 0 and maxResponseBytes >= 1");
    }
  }

  /** A request without headers or body that follows no redirect. */
  public static OutboundRequest of(String method, URI uri, Duration timeout) {
    return new OutboundRequest(method, uri, Map.of(), null, timeout, 0, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** This request with one more header. */
  public OutboundRequest withHeader(String name, String value) {
    var more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new OutboundRequest(method, uri, more, body, timeout, maxRedirects, maxResponseBytes);
  }

  /** This request with {@code body}. */
  public OutboundRequest withBody(byte[] body) {
    return new OutboundRequest(method, uri, headers, body, timeout, maxRedirects, maxResponseBytes);
  }

  /** This request following up to {@code redirects} redirects. */
  public OutboundRequest followingRedirects(int redirects) {
    return new OutboundRequest(method, uri, headers, body, timeout, redirects, maxResponseBytes);
  }

  /** This request reading response bodies of at most {@code bytes}. */
  public OutboundRequest limitedTo(int bytes) {
    return new OutboundRequest(method, uri, headers, body, timeout, maxRedirects, bytes);
  }

  /** This request sent elsewhere, as a redirect does. */
  OutboundRequest to(String method, URI uri, Map<String, String> headers, byte[] body) {
    return new OutboundRequest(method, uri, headers, body, timeout, maxRedirects, maxResponseBytes);
  }

  /** The method and URL for messages, without user info or query (where credentials travel). */
  public String describe() {
    return describe(method, uri);
  }

  /** {@code method} and {@code uri} for messages, without user info or query. */
  public static String describe(String method, URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return method + " " + uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  private static void checkHeader(String name, String value) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException("a header name must be an HTTP token");
    }
    if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("the client sets the " + name + " header itself");
    }
    // CR or LF would let a value start a header (or a request) of its own. The value stays out of
    // the message: it may be a credential.
    if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw new IllegalArgumentException("the value of header " + name + " has a line break");
    }
  }
}
