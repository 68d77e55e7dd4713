package io.aispine.agents.remote;

import io.aispine.agents.outbound.OutboundRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The base URL of a remote agent, and the requests and descriptions made from it. */
final class RemoteEndpoint {

  private final URI base;

  RemoteEndpoint(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "an HTTP agent's base URL must be an absolute http:// or https:// URL, got "
              + describe(baseUrl));
    }
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    // "http://host/agents/ocr/" and "http://host/agents/ocr" both mean the same agent.
    this.base = URI.create(scheme + "://" + baseUrl.getRawAuthority() + path.replaceAll("/+$", ""));
  }

  /** A request for {@code path} (like {@code /execute}) under the base URL; no redirects. */
  OutboundRequest request(String method, String path, Duration timeout) {
    return OutboundRequest.of(method, URI.create(base + path), timeout);
  }

  /** The method and URL for messages, without user info. */
  String describe(String method, String path) {
    return method + " " + describe(base) + path;
  }

  private static String describe(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  @Override
  public String toString() {
    return describe(base);
  }
}
