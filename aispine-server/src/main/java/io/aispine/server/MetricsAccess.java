package io.aispine.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may read {@code GET /metrics}: its series name agents, versions and call counts, so a server
 * reachable from other machines asks for an API key by default.
 */
public enum MetricsAccess {
  /** Open while the server listens on a loopback interface only, behind an API key otherwise. */
  AUTO,
  /** Anyone who reaches the port. */
  OPEN,
  /** Only requests with {@code Authorization: Bearer <api key>}, of any role. */
  KEY;

  /** The environment variable that sets it: {@code auto}, {@code open} or {@code key}. */
  public static final String ENV = "AISPINE_METRICS_AUTH";

  /**
   * The access named by {@code text} ({@code auto}, {@code open} or {@code key}, any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static MetricsAccess parse(String text) {
    String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (MetricsAccess access : values()) {
      if (access.name().equals(name)) {
        return access;
      }
    }
    throw new IllegalArgumentException(
        ENV
            + " must be one of "
            + Arrays.stream(values())
                .map(a -> a.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ", got '"
            + text
            + "'");
  }

  /** The access {@link #ENV} sets, {@link #AUTO} when it is unset. */
  public static MetricsAccess fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static MetricsAccess fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    return value == null || value.isBlank() ? AUTO : parse(value);
  }

  /** Whether {@code /metrics} asks for an API key on a server listening on {@code host}. */
  public boolean needsKey(String host) {
    return switch (this) {
      case OPEN -> false;
      case KEY -> true;
      case AUTO -> !loopbackOnly(host);
    };
  }

  /**
   * True when {@code host} names a loopback address; a wildcard ({@code 0.0.0.0}, {@code ::}), any
   * other address and a name that does not resolve are not.
   */
  static boolean loopbackOnly(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
