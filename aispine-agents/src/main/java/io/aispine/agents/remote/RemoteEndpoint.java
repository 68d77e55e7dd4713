package io.aispine.agents.remote;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

  /** A request builder for {@code path} (like {@code /execute}) under the base URL. */
  HttpRequest.Builder request(String path, Duration timeout) {
    var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    // Cleartext HTTP/2 means an h2c upgrade that few servers support; over TLS, ALPN decides.
    if (base.getScheme().equals("http")) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder;
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
